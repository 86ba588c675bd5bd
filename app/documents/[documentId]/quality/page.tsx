import type { Metadata } from "next";
import Link from "next/link";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { CATEGORY_LABELS, ERROR_CATEGORIES, ERROR_SEVERITIES, SEVERITY_PENALTY } from "@/lib/review/quality";
import { qualityReport } from "@/lib/review/quality-report";

export const metadata: Metadata = { title: "Quality report" };
export const dynamic = "force-dynamic";

/** MQM-style language quality report: tagged errors by category and severity, and the score. */
export default async function QualityReportPage(props: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await props.params;
  const user = await requirePageUser(`/documents/${documentId}/quality`);
  const { document } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const { score, errors } = await qualityReport(document.id);
  return (
    <>
      <PageHeader
        crumbs={<DocumentCrumbs document={document} />}
        title="Quality report"
      />
      <section className={`${ui.card} ${ui.padded}`} aria-label="Score" style={{ marginBottom: 16 }}>
        <p data-testid="quality-verdict" style={{ fontSize: 18, margin: 0 }}>
          <strong style={{ color: score.passed ? "var(--success)" : "var(--danger)" }}>{score.passed ? "Pass" : "Fail"}</strong> —{" "}
          {score.penaltyPer1000.toLocaleString("en", { maximumFractionDigits: 2 })} penalty points per 1,000 source characters (threshold{" "}
          {score.threshold.toLocaleString("en")}).
        </p>
        <p style={{ color: "var(--text-muted)", margin: "6px 0 0" }}>
          {score.errors} tagged error{score.errors === 1 ? "" : "s"}, {score.penalty} penalty points, {score.sourceCharacters.toLocaleString("en")} source characters.
          Penalties: minor {SEVERITY_PENALTY.minor}, major {SEVERITY_PENALTY.major}, critical {SEVERITY_PENALTY.critical}. Errors stay counted after they are fixed:
          the score rates the translation as it was delivered for review.
        </p>
      </section>
      <section className={ui.card} style={{ marginBottom: 16 }}>
        <table className={ui.table} aria-label="Errors by category and severity">
          <thead>
            <tr>
              <th>Category</th>
              {ERROR_SEVERITIES.map((s) => (
                <th key={s} className={ui.num}>
                  {s[0]!.toUpperCase() + s.slice(1)}
                </th>
              ))}
              <th className={ui.num}>Penalty</th>
            </tr>
          </thead>
          <tbody>
            {ERROR_CATEGORIES.map((c) => (
              <tr key={c}>
                <td>{CATEGORY_LABELS[c]}</td>
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
          Tagged errors
        </h2>
        {errors.length === 0 ? (
          <p className={ui.empty}>No errors tagged yet. Reviewers tag them when they request changes.</p>
        ) : (
          <table className={ui.table} aria-label="Tagged errors">
            <thead>
              <tr>
                <th>#</th>
                <th>Category</th>
                <th>Severity</th>
                <th>Reviewer&apos;s comment</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.segmentNumber ? <Link href={`/documents/${document.id}/edit?segment=${e.segmentNumber}`}>{e.segmentNumber}</Link> : "—"}</td>
                  <td>{CATEGORY_LABELS[e.category as keyof typeof CATEGORY_LABELS] ?? e.category}</td>
                  <td>{e.severity}</td>
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
