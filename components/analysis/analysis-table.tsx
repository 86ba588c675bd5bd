"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/i18n/use-format";
import type { AnalysisReport } from "@/lib/analysis/analysis-service";
import { BANDS, share } from "@/lib/analysis/bands";
import { ui } from "@/components/ui/page-header";

/** The bands × segments, characters, estimated words and share of the characters, with the total. */
export function AnalysisTable({ report }: { report: AnalysisReport }) {
  const t = useTranslations("analysis");
  const f = useFormat();
  const percent = (fraction: number) => t("percentValue", { value: f.number(fraction * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
  return (
    <table className={ui.table} data-testid="analysis-table">
      <caption style={{ textAlign: "start", padding: "8px 12px", color: "var(--text-muted)", fontSize: 13 }}>
        {t("caption", { documents: report.documents.length, units: report.memoryUnits, at: f.dateTime(report.analysedAt) })}{" "}
        {report.ratio.basis === "project"
          ? t("ratioProject", { pairs: report.ratio.pairs, ratio: f.number(report.ratio.wordsPerCharacter, { maximumFractionDigits: 2 }) })
          : t("ratioDefaultLine", { ratio: f.number(report.ratio.wordsPerCharacter, { maximumFractionDigits: 2 }), pairs: report.ratio.pairs })}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("columns.band")}</th>
          <th scope="col" className={ui.num}>{t("columns.segments")}</th>
          <th scope="col" className={ui.num}>{t("columns.characters")}</th>
          <th scope="col" className={ui.num}>{t("columns.words")}</th>
          <th scope="col" className={ui.num}>{t("columns.percent")}</th>
        </tr>
      </thead>
      <tbody>
        {BANDS.map((band) => {
          const row = report.bands[band];
          return (
            <tr key={band} data-band={band}>
              <th scope="row" style={{ fontWeight: "normal", textAlign: "start" }} title={t(`bandHelp.${band}`)}>
                {t(`bands.${band}`)}
              </th>
              <td className={ui.num}>{f.number(row.segments)}</td>
              <td className={ui.num}>{f.number(row.characters)}</td>
              <td className={ui.num}>{f.number(row.words)}</td>
              <td className={ui.num}>{percent(share(row, report.total))}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr data-band="total" style={{ fontWeight: 600 }}>
          <th scope="row" style={{ textAlign: "start" }}>{t("total")}</th>
          <td className={ui.num}>{f.number(report.total.segments)}</td>
          <td className={ui.num}>{f.number(report.total.characters)}</td>
          <td className={ui.num}>{f.number(report.total.words)}</td>
          <td className={ui.num}>{percent(report.total.segments ? 1 : 0)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** Each document's characters by band, when several were analysed. */
export function AnalysisByDocument({ report }: { report: AnalysisReport }) {
  const t = useTranslations("analysis");
  const f = useFormat();
  if (report.documents.length < 2) return null;
  return (
    <table className={ui.table} data-testid="analysis-by-document" aria-label={t("byDocument")}>
      <thead>
        <tr>
          <th scope="col">{t("columns.document")}</th>
          {BANDS.map((band) => (
            <th key={band} scope="col" className={ui.num} title={t(`bands.${band}`)}>
              {t(`short.${band}`)}
            </th>
          ))}
          <th scope="col" className={ui.num}>{t("total")}</th>
        </tr>
      </thead>
      <tbody>
        {report.documents.map((d) => (
          <tr key={d.id}>
            <th scope="row" style={{ fontWeight: "normal", textAlign: "start" }} lang="zh-CN">
              {d.title}
            </th>
            {BANDS.map((band) => (
              <td key={band} className={ui.num}>{f.number(d.bands[band].characters)}</td>
            ))}
            <td className={ui.num}>{f.number(d.total.characters)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
