import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { getFormat } from "@/lib/i18n/server";
import { ERROR_CATEGORIES, ERROR_SEVERITIES, isErrorCategory, SEVERITY_PENALTY, type ErrorSeverity } from "@/lib/review/quality";
import { qualityReport } from "@/lib/review/quality-report";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quality");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** MQM-style language quality report: tagged errors by category and severity, and the score. */
export default async function QualityReportPage(props: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await props.params;
  const user = await requirePageUser(`/documents/${documentId}/quality`);
  const { document } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const [{ score, errors }, t, categories, severities, f] = await Promise.all([
    qualityReport(document.id),
    getTranslations("quality"),
    getTranslations("quality.categories"),
    getTranslations("quality.severities"),
    getFormat(),
  ]);
  const severity = (s: string) => (ERROR_SEVERITIES.includes(s as ErrorSeverity) ? severities(s as ErrorSeverity) : s);
  return (
    <>
      <PageHeader
        crumbs={<DocumentCrumbs document={document} />}
        title={t("title")}
      />
      <section className={`${ui.card} ${ui.padded}`} aria-label={t("score")} style={{ marginBottom: 16 }}>
        <p data-testid="quality-verdict" style={{ fontSize: 18, margin: 0 }}>
          <strong style={{ color: score.passed ? "var(--success)" : "var(--danger)" }}>{score.passed ? t("pass") : t("fail")}</strong> —{" "}
          {t("verdict", { penalty: f.number(score.penaltyPer1000, { maximumFractionDigits: 2 }), threshold: f.number(score.threshold) })}
        </p>
        <p style={{ color: "var(--text-muted)", margin: "6px 0 0" }}>
          {t("details", { errors: score.errors, penalty: f.number(score.penalty), characters: f.number(score.sourceCharacters), count: score.sourceCharacters })}{" "}
          {t("penalties", { minor: SEVERITY_PENALTY.minor, major: SEVERITY_PENALTY.major, critical: SEVERITY_PENALTY.critical })}
        </p>
      </section>
      <section className={ui.card} style={{ marginBottom: 16 }}>
        <table className={ui.table} aria-label={t("byCategory")}>
          <thead>
            <tr>
              <th>{t("category")}</th>
              {ERROR_SEVERITIES.map((s) => (
                <th key={s} className={ui.num}>
                  {severities(s)}
                </th>
              ))}
              <th className={ui.num}>{t("penalty")}</th>
            </tr>
          </thead>
          <tbody>
            {ERROR_CATEGORIES.map((c) => (
              <tr key={c}>
                <td>{categories(c)}</td>
                {ERROR_SEVERITIES.map((s) => (
                  <td key={s} className={ui.num}>
                    {score.counts[c][s]}
                  </td>
                ))}
                <td className={ui.num}>{ERROR_SEVERITIES.reduce((sum, s) => sum + score.counts[c][s] * SEVERITY_PENALTY[s], 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className={ui.card}>
        <h2 className={`${ui.sectionTitle} ${ui.padded}`} style={{ margin: 0 }}>
          {t("tagged")}
        </h2>
        {errors.length === 0 ? (
          <p className={ui.empty}>{t("noErrors")}</p>
        ) : (
          <table className={ui.table} aria-label={t("tagged")}>
            <thead>
              <tr>
                <th>#</th>
                <th>{t("category")}</th>
                <th>{t("severity")}</th>
                <th>{t("comment")}</th>
                <th>{t("by")}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.segmentNumber ? <Link href={`/documents/${document.id}/edit?segment=${e.segmentNumber}`}>{e.segmentNumber}</Link> : "—"}</td>
                  <td>{isErrorCategory(e.category) ? categories(e.category) : e.category}</td>
                  <td>{severity(e.severity)}</td>
                  <td style={{ whiteSpace: "pre-wrap" }}>{e.comment}</td>
                  <td>{e.reviewerName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
