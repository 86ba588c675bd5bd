import type { Metadata } from "next";
import Link from "next/link";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { NewVersionForm } from "@/components/versions/new-version-form";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { listVersions } from "@/lib/versions/version-repository";

export const metadata: Metadata = { title: "Versions" };
export const dynamic = "force-dynamic";

const REASONS: Record<string, string> = { manual: "Made by hand", signoff: "Sign-off", export: "Export" };

/** The document's frozen versions; make one, or compare any two (or one with now). */
export default async function VersionsPage(props: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await props.params;
  const user = await requirePageUser(`/documents/${documentId}/versions`);
  const { document, role } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const versions = await listVersions(document.id);
  return (
    <>
      <PageHeader
        crumbs={<DocumentCrumbs document={document} />}
        title="Versions"
      />
      {can(user, "document.snapshot", { role }) && (
        <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }} aria-label="Make a version">
          <NewVersionForm documentId={document.id} />
        </section>
      )}
      <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }} aria-label="Compare versions">
        {versions.length === 0 ? (
          <p className={ui.emptyInline}>No versions yet. Make one now; sign-off and exports make one too. Then compare it with later states.</p>
        ) : (
          <form method="get" action={`/documents/${document.id}/compare`} style={{ display: "flex", gap: 12, alignItems: "center", flexWrap: "wrap" }}>
            <label>
              Compare{" "}
              <select name="from" defaultValue={versions[0]!.id}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with{" "}
              <select name="to" defaultValue="now">
                <option value="now">Now (current text)</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={ui.button}>
              Compare
            </button>
          </form>
        )}
      </section>
      {versions.length > 0 && (
        <section className={ui.card}>
          <table className={ui.table} aria-label="Versions">
            <thead>
              <tr>
                <th>Name</th>
                <th>Why</th>
                <th>By</th>
                <th>When (UTC)</th>
                <th className={ui.num}>Segments</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>{v.label}</td>
                  <td>{REASONS[v.reason] ?? v.reason}</td>
                  <td>{v.authorName ?? "—"}</td>
                  <td style={{ whiteSpace: "nowrap" }}>{v.createdAt.slice(0, 16).replace("T", " ")}</td>
                  <td className={ui.num}>{v.segments.toLocaleString("en")}</td>
                  <td>
                    <Link href={`/documents/${document.id}/compare?from=${v.id}&to=now`}>Compare with now</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
