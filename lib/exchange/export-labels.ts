import { createTranslator } from "next-intl";
import { configuredTimeZone, createFormatter, type Formatter } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import type { SegmentStatus } from "@/lib/review/segment-status";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

const CATALOGS = { en, "zh-CN": zhCN } as const;

/**
 * The words of an exported file a person reads — the review table's headings and header block,
 * the bilingual HTML's, the workbook's sheet name, the comparison's — in the exporting person's
 * language (the CLI exports in English). The machine-readable parts (XLIFF, TMX, the CSV/XLSX
 * column keys, the review table's Ref column) never change with the language.
 */
export function exportLabels(locale: Locale = DEFAULT_LOCALE) {
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: "exports" });
  const status = createTranslator({ locale, messages: CATALOGS[locale], namespace: "status" });
  const f: Formatter = createFormatter(locale, configuredTimeZone());
  /** "2026-12-01 11:48 UTC": the formatter's unambiguous date and time, and the zone it is in. */
  const at = (iso: string) => `${f.dateTime(iso)} ${f.timeZone}`;
  return {
    locale,
    at,
    status: (s: SegmentStatus) => status(s),
    /** The review table's columns; the re-import recognises the table by them (in any language). */
    reviewHeaders: ["#", t("colSource"), t("colTarget"), t("colStatus"), t("colComments"), "Ref"] as const,
    project: t("project"),
    languages: t("languages"),
    exported: t("exported"),
    version: t("version"),
    progress: t("progress"),
    progressText: (p: { approved: number; total: number; translated: number }) =>
      t("progressText", { approved: p.approved, total: p.total, translated: p.translated, percent: f.percent(p.total ? p.approved / p.total : 0) }),
    approvedOf: (p: { approved: number; total: number }) => t("approvedOf", { approved: p.approved, total: p.total }),
    reviewNote: t("reviewNote"),
    reviewDescription: (version: string) => t("reviewDescription", { version }),
    currentText: (iso: string) => t("currentText", { at: at(iso) }),
    formerMember: t("formerMember"),
    /** Word exports with tracked changes (issue 21): what the changes are, and the review table's comment column. */
    trackedSinceConfirmed: t("trackedSinceConfirmed"),
    trackedBetween: (older: string, newer: string) => t("trackedBetween", { older, newer }),
    trackedVersion: (version: string, label: string) => t("trackedVersion", { version, label }),
    trackedDescription: (label: string) => t("trackedDescription", { label }),
    commentsInMargin: (count: number) => t("commentsInMargin", { count }),
    sheetName: t("sheetName"),
    comparison: {
      title: (document: string) => t("comparisonTitle", { document }),
      compared: (older: { label: string; at: string }, newer: { label: string; at: string }) =>
        t("compared", { older: older.label, olderAt: at(older.at), newer: newer.label, newerAt: at(newer.at) }),
      summary: (s: { changed: number; added: number; removed: number; joined: number; split: number; unchanged: number }) => t("comparisonSummary", s),
      markup: t("comparisonMarkup"),
      headers: ["#", t("colChange"), t("colSource"), t("colTarget")] as const,
      kind: (kind: "changed" | "added" | "removed" | "joined" | "split") =>
        kind === "changed" ? t("changeChanged") : kind === "added" ? t("changeAdded") : kind === "removed" ? t("changeRemoved") : kind === "joined" ? t("changeJoined") : t("changeSplit"),
      number: (after: number | null, before: number | null) => (after !== null ? `#${after}` : t("wasNumber", { n: before ?? 0 })),
      joinedInto: (n: number | null) => (n ? t("joinedInto", { n }) : t("joinedIntoAnother")),
      splitFrom: (n: number | null) => (n ? t("splitFrom", { n }) : t("splitFromAnother")),
    },
  };
}

export type ExportLabels = ReturnType<typeof exportLabels>;

/** The review table's header rows in every interface language: a table exported in either comes back. */
export const REVIEW_HEADER_SETS: readonly (readonly string[])[] = (Object.keys(CATALOGS) as Locale[]).map((l) => exportLabels(l).reviewHeaders);
