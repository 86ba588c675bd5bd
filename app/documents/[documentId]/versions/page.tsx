import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { NewVersionForm } from "@/components/versions/new-version-form";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { getFormat, getPageLocale } from "@/lib/i18n/server";
import { listVersions } from "@/lib/versions/version-repository";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("versions");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** The document's frozen versions; make one, or compare any two (or one with now). */
export default async function VersionsPage(props: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await props.params;
  const user = await requirePageUser(`/documents/${documentId}/versions`);
  const { document, role } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const [versions, t, f] = await Promise.all([getPageLocale().then((locale) => listVersions(document.id, locale)), getTranslations("versions"), getFormat()]);
  const reason = (r: string) => (r === "manual" ? t("reasonManual") : r === "signoff" ? t("reasonSignoff") : r === "export" ? t("reasonExport") : r);
  return (
    <>
      <PageHeader
        crumbs={<DocumentCrumbs document={document} />}
        title={t("title")}
      />
      {can(user, "document.snapshot", { role }) && (
        <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }} aria-label={t("make")}>
          <NewVersionForm documentId={document.id} />
        </section>
      )}
      <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }} aria-label={t("compareVersions")}>
        {versions.length === 0 ? (
          <p className={ui.emptyInline}>{t("empty")}</p>
        ) : (
          <form method="get" action={`/documents/${document.id}/compare`} style={{ display: "flex", gap: 12, alignItems: "center", flexWrap: "wrap" }}>
            <label>
              {t("compare")}{" "}
              <select name="from" defaultValue={versions[0]!.id}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("with")}{" "}
              <select name="to" defaultValue="now">
                <option value="now">{t("now")}</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={ui.button}>
              {t("compareButton")}
            </button>
          </form>
        )}
      </section>
      {versions.length > 0 && (
        <section className={ui.card}>
          <table className={ui.table} aria-label={t("title")}>
            <thead>
              <tr>
                <th>{t("name")}</th>
                <th>{t("why")}</th>
                <th>{t("by")}</th>
                <th>{t("when")}</th>
                <th className={ui.num}>{t("segments")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>{v.label}</td>
                  <td>{reason(v.reason)}</td>
                  <td>{v.authorName ?? "—"}</td>
                  <td style={{ whiteSpace: "nowrap" }}>
                    <time dateTime={v.createdAt}>{f.dateTime(v.createdAt)}</time>
                  </td>
                  <td className={ui.num}>{f.number(v.segments)}</td>
                  <td>
                    <Link href={`/documents/${document.id}/compare?from=${v.id}&to=now`}>{t("compareWithNow")}</Link>
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
