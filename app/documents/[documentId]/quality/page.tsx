import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { categoryLabelKey, severityLabelKey } from "@/lib/i18n/labels";
import { getFormat } from "@/lib/i18n/server";
import { ERROR_CATEGORIES, ERROR_SEVERITIES, isErrorCategory, isErrorSeverity, SEVERITY_PENALTY } from "@/lib/review/quality";
import { qualityReport } from "@/lib/review/quality-report";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("qa.quality");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** MQM-style language quality report: tagged errors by category and severity, and the score. */
export default async function QualityReportPage(props: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await props.params;
  const user = await requirePageUser(`/documents/${documentId}/quality`);
  const { document } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const [{ score, errors }, t, tRoot, f] = await Promise.all([qualityReport(document.id), getTranslations("qa.quality"), getTranslations(), getFormat()]);
  const categoryLabel = (c: string) => (isErrorCategory(c) ? tRoot(categoryLabelKey(c)) : c);
  const severityLabel = (s: string) => (isErrorSeverity(s) ? tRoot(severityLabelKey(s)) : s);
  const severityHeadings = { minor: t("minor"), major: t("major"), critical: t("critical") };
  return (
    <>
      <PageHeader crumbs={<DocumentCrumbs document={document} />} title={t("title")} />
      <section className={`${ui.card} ${ui.padded}`} aria-label={t("score")} style={{ marginBottom: 16 }}>
        <p data-testid="quality-verdict" style={{ fontSize: 18, margin: 0 }}>
          {t.rich("verdict", {
            passed: score.passed ? "yes" : "no",
            penalty: f.number(score.penaltyPer1000, { maximumFractionDigits: 2 }),
            threshold: f.number(score.threshold),
            b: (chunks) => <strong style={{ color: score.passed ? "var(--success)" : "var(--danger)" }}>{chunks}</strong>,
          })}
        </p>
        <p style={{ color: "var(--text-muted)", margin: "6px 0 0" }}>
          {t("totals", { errors: score.errors, penalty: score.penalty, characters: score.sourceCharacters })}{" "}
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
                  {severityHeadings[s]}
                </th>
              ))}
              <th className={ui.num}>{t("penalty")}</th>
            </tr>
          </thead>
          <tbody>
            {ERROR_CATEGORIES.map((c) => (
              <tr key={c}>
                <td>{categoryLabel(c)}</td>
                {ERROR_SEVERITIES.map((s) => (
                  <td key={s} className={ui.num}>
                    {f.number(score.counts[c][s])}
                  </td>
                ))}
                <td className={ui.num}>{f.number(ERROR_SEVERITIES.reduce((sum, s) => sum + score.counts[c][s] * SEVERITY_PENALTY[s], 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className={ui.card}>
        <h2 className={`${ui.sectionTitle} ${ui.padded}`} style={{ margin: 0 }}>
          {t("taggedErrors")}
        </h2>
        {errors.length === 0 ? (
          <p className={ui.empty}>{t("none")}</p>
        ) : (
          <table className={ui.table} aria-label={t("taggedErrors")}>
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
                  <td>{categoryLabel(e.category)}</td>
                  <td>{severityLabel(e.severity)}</td>
                  <td style={{ whiteSpace: "pre-wrap" }}>{e.comment}</td>
                  <td>{e.reviewerName ?? tRoot("common.formerMember")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
