import type { Metadata } from "next";
import Link from "next/link";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { notFound } from "next/navigation";
import { InlineDiff } from "@/components/diff/inline-diff";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { CHANGE_LABELS, changeNote, changeNumber } from "@/lib/versions/comparison-export";
import { ComparisonNotFound, compareVersions } from "@/lib/versions/version-repository";

export const metadata: Metadata = { title: "Compare versions" };
export const dynamic = "force-dynamic";

/** Changes shown on the page; the exports carry them all. */
const SHOWN = 1_000;

export default async function ComparePage(props: { params: Promise<{ documentId: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { documentId } = await props.params;
  const { from = "", to = "now" } = await props.searchParams;
  const user = await requirePageUser(`/documents/${documentId}/versions`);
  const { document } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  let comparison;
  try {
    comparison = await compareVersions(document.id, from, to);
  } catch (error) {
    if (error instanceof ComparisonNotFound) notFound();
    throw error;
  }
  const s = comparison.summary;
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <DocumentCrumbs document={document} /> / <Link href={`/documents/${document.id}/versions`}>Versions</Link>
          </>
        }
        title={`${comparison.older.label} → ${comparison.newer.label}`}
        actions={
          <div style={{ display: "flex", gap: 8 }}>
            <a className={ui.button} href={`/api/documents/${document.id}/compare/export?${query}&format=html`} download>
              Download HTML
            </a>
            <a className={ui.button} href={`/api/documents/${document.id}/compare/export?${query}&format=docx`} download>
              Download Word (DOCX)
            </a>
          </div>
        }
      />
      <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }} aria-label="Summary">
        <p style={{ margin: 0 }} data-testid="comparison-summary">
          {s.changed} changed · {s.added} added · {s.removed} removed · {s.joined} joined · {s.split} split · {s.unchanged} unchanged
        </p>
        <p className={ui.emptyInline} style={{ marginTop: 4 }}>
          Segments are matched by identity, not position. Deleted text is struck through, inserted text underlined.
        </p>
      </section>
      <section className={ui.card}>
        {comparison.changes.length === 0 ? (
          <p className={ui.empty}>No differences.</p>
        ) : (
          <table className={ui.table} aria-label="Changes" style={{ tableLayout: "fixed", width: "100%" }}>
            <colgroup>
              <col style={{ width: "6%" }} />
              <col style={{ width: "12%" }} />
              <col style={{ width: "41%" }} />
              <col style={{ width: "41%" }} />
            </colgroup>
            <thead>
              <tr>
                <th>#</th>
                <th>Change</th>
                <th>Chinese ({document.sourceLang})</th>
                <th>English ({document.targetLang})</th>
              </tr>
            </thead>
            <tbody>
              {comparison.changes.slice(0, SHOWN).map((c) => (
                <tr key={`${c.kind}:${c.segmentId}`} data-testid="comparison-change" data-kind={c.kind}>
                  <td style={{ whiteSpace: "nowrap" }}>{c.after ? <Link href={`/documents/${document.id}/edit?segment=${c.after.position + 1}`}>{changeNumber(c)}</Link> : changeNumber(c)}</td>
                  <td>
                    {CHANGE_LABELS[c.kind]}
                    {changeNote(c) && <div className={ui.emptyInline}>{changeNote(c)}</div>}
                  </td>
                  <td>
                    <InlineDiff before={c.before?.source ?? ""} after={c.after?.source ?? ""} lang={document.sourceLang} />
                  </td>
                  <td>
                    <InlineDiff before={c.before?.target ?? ""} after={c.after?.target ?? ""} lang={document.targetLang} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {comparison.changes.length > SHOWN && (
          <p className={ui.emptyInline} style={{ padding: 12 }}>
            The first {SHOWN.toLocaleString("en")} of {comparison.changes.length.toLocaleString("en")} changes are shown; the downloads have them all.
          </p>
        )}
      </section>
    </>
  );
}
