import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { notFound } from "next/navigation";
import { InlineDiff } from "@/components/diff/inline-diff";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { getFormat, getPageLocale } from "@/lib/i18n/server";
import { isSegmentStatus } from "@/lib/review/segment-status";
import type { SegmentChange } from "@/lib/versions/version-compare";
import { ComparisonNotFound, compareVersions } from "@/lib/versions/version-repository";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("history.compare");
  return { title: t("title") };
}
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
    comparison = await compareVersions(document.id, from, to, await getPageLocale());
  } catch (error) {
    if (error instanceof ComparisonNotFound) notFound();
    throw error;
  }
  const [t, tStatus, f] = await Promise.all([getTranslations("history.compare"), getTranslations("status"), getFormat()]);
  const kindLabels: Record<SegmentChange["kind"], string> = { changed: t("kinds.changed"), added: t("kinds.added"), removed: t("kinds.removed"), joined: t("kinds.joined"), split: t("kinds.split") };
  const statusLabel = (status: string) => (isSegmentStatus(status) ? tStatus(status) : status);
  /** "#12" in the newer version, or "was #12" for a segment that is gone. */
  const changeNumber = (c: SegmentChange) => (c.after ? t("number", { number: c.after.position + 1 }) : t("wasNumber", { number: c.before!.position + 1 }));
  const changeNote = (c: SegmentChange) => {
    if (c.kind === "joined") return c.relatedNumber ? t("joinedInto", { number: c.relatedNumber }) : t("joinedIntoAnother");
    if (c.kind === "split") return c.relatedNumber ? t("splitFrom", { number: c.relatedNumber }) : t("splitFromAnother");
    if (c.kind === "changed" && c.statusChanged) return `${statusLabel(c.before!.status)} → ${statusLabel(c.after!.status)}`;
    return "";
  };
  const versionLabel = (v: { ref: string; label: string }) => (v.ref === "now" ? t("now") : v.label);
  const s = comparison.summary;
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <DocumentCrumbs document={document} /> / <Link href={`/documents/${document.id}/versions`}>{t("versions")}</Link>
          </>
        }
        title={`${versionLabel(comparison.older)} → ${versionLabel(comparison.newer)}`}
        actions={
          <div style={{ display: "flex", gap: 8 }}>
            <a className={ui.button} href={`/api/documents/${document.id}/compare/export?${query}&format=html`} download>
              {t("downloadHtml")}
            </a>
            <a className={ui.button} href={`/api/documents/${document.id}/compare/export?${query}&format=docx`} download>
              {t("downloadDocx")}
            </a>
          </div>
        }
      />
      <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }} aria-label={t("summaryLabel")}>
        <p style={{ margin: 0 }} data-testid="comparison-summary">
          {t("summary", { changed: s.changed, added: s.added, removed: s.removed, joined: s.joined, split: s.split, unchanged: s.unchanged })}
        </p>
        <p className={ui.emptyInline} style={{ marginTop: 4 }}>
          {t("legend")}
        </p>
      </section>
      <section className={ui.card}>
        {comparison.changes.length === 0 ? (
          <p className={ui.empty}>{t("none")}</p>
        ) : (
          <table className={ui.table} aria-label={t("changes")} style={{ tableLayout: "fixed", width: "100%" }}>
            <colgroup>
              <col style={{ width: "6%" }} />
              <col style={{ width: "12%" }} />
              <col style={{ width: "41%" }} />
              <col style={{ width: "41%" }} />
            </colgroup>
            <thead>
              <tr>
                <th>#</th>
                <th>{t("change")}</th>
                <th>{t("chinese", { lang: document.sourceLang })}</th>
                <th>{t("english", { lang: document.targetLang })}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.changes.slice(0, SHOWN).map((c) => (
                <tr key={`${c.kind}:${c.segmentId}`} data-testid="comparison-change" data-kind={c.kind}>
                  <td style={{ whiteSpace: "nowrap" }}>{c.after ? <Link href={`/documents/${document.id}/edit?segment=${c.after.position + 1}`}>{changeNumber(c)}</Link> : changeNumber(c)}</td>
                  <td>
                    {kindLabels[c.kind]}
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
            {t("firstShown", { shown: f.number(SHOWN), total: f.number(comparison.changes.length) })}
          </p>
        )}
      </section>
    </>
  );
}
