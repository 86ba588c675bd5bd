import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { diffTexts } from "@/lib/diff/text-diff";
import { DOCX_STYLES } from "@/lib/exchange/docx-files";
import { exportLabels, type ExportLabels } from "@/lib/exchange/export-labels";
import { escapeHtml } from "@/lib/html";
import { CodedError } from "@/lib/http/coded-error";
import { TimeSlicer } from "@/lib/jobs/time-slice";
import type { Locale } from "@/lib/i18n/locales";
import { isSegmentStatus } from "@/lib/review/segment-status";
import type { SegmentChange } from "./version-compare";
import type { VersionComparison } from "./version-repository";

export interface ComparisonMeta {
  projectName: string;
  documentTitle: string;
  sourceLang: string;
  targetLang: string;
  /** The language of the file's headings: the exporting person's (English when not given). */
  locale?: Locale;
}

/** The change's number and note in the file's language. */
function fileNumber(c: SegmentChange, l: ExportLabels): string {
  return l.comparison.number(c.after ? c.after.position + 1 : null, c.before ? c.before.position + 1 : null);
}

function fileNote(c: SegmentChange, l: ExportLabels): string {
  if (c.kind === "joined") return l.comparison.joinedInto(c.relatedNumber ?? null);
  if (c.kind === "split") return l.comparison.splitFrom(c.relatedNumber ?? null);
  const status = (s: string) => (isSegmentStatus(s) ? l.status(s) : s);
  if (c.kind === "changed" && c.statusChanged) return `${status(c.before!.status)} → ${status(c.after!.status)}`;
  return "";
}

function htmlDiff(before: string, after: string): string {
  return diffTexts(before, after)
    .map((p) => (p.added ? `<ins>${escapeHtml(p.value)}</ins>` : p.removed ? `<del>${escapeHtml(p.value)}</del>` : escapeHtml(p.value)))
    .join("");
}

/** The text column of a change: a diff when the segment exists on both sides, else the one text. */
function sides(c: SegmentChange, field: "source" | "target"): { before: string; after: string } {
  return { before: c.before?.[field] ?? "", after: c.after?.[field] ?? "" };
}

/**
 * A standalone HTML page (no scripts, inline styles) that prints cleanly. The rows (a word diff
 * each) are built under a time budget: 50,000 changes in one go held the event loop for seconds.
 */
export async function comparisonToHtml(comparison: VersionComparison, meta: ComparisonMeta): Promise<string> {
  const l = exportLabels(meta.locale);
  const s = comparison.summary;
  const [number, change, source, target] = l.comparison.headers;
  const slicer = new TimeSlicer();
  const lines: string[] = [];
  for (const c of comparison.changes) {
    await slicer.maybeYield();
    const zh = sides(c, "source");
    const en = sides(c, "target");
    const note = fileNote(c, l);
    lines.push(`<tr><td>${escapeHtml(fileNumber(c, l))}</td><td>${escapeHtml(l.comparison.kind(c.kind))}${note ? `<br><small>${escapeHtml(note)}</small>` : ""}</td><td lang="${escapeHtml(meta.sourceLang)}">${htmlDiff(zh.before, zh.after)}</td><td lang="${escapeHtml(meta.targetLang)}">${htmlDiff(en.before, en.after)}</td></tr>`);
  }
  const rows = lines.join("\n");
  return `<!doctype html>
<html lang="${l.locale}"><head><meta charset="utf-8"><title>${escapeHtml(l.comparison.title(meta.documentTitle))}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#1c2330}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #b8bfc9;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f5f6f8}ins{background:#dcf5e3;text-decoration:underline}del{background:#fde2e1;text-decoration:line-through}
td{white-space:pre-wrap}@media print{body{margin:0}tr{break-inside:avoid}}@page{size:landscape}
</style></head><body>
<h1>${escapeHtml(meta.documentTitle)}</h1>
<p>${escapeHtml(meta.projectName)} · ${escapeHtml(meta.sourceLang)} → ${escapeHtml(meta.targetLang)}</p>
<p>${escapeHtml(l.comparison.compared(comparison.older, comparison.newer))}</p>
<p>${escapeHtml(l.comparison.summary(s))} ${escapeHtml(l.comparison.markup)}</p>
<table><thead><tr><th>${number}</th><th>${escapeHtml(change)}</th><th>${escapeHtml(source)}</th><th>${escapeHtml(target)}</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}

function diffRuns(before: string, after: string): TextRun[] {
  return diffTexts(before, after).map(
    (p) =>
      new TextRun({
        text: p.value,
        strike: p.removed,
        underline: p.added ? {} : undefined,
        color: p.added ? "14532D" : p.removed ? "7F1D1D" : undefined,
        highlight: p.added ? "green" : undefined,
      }),
  );
}

function cell(children: Paragraph[], width: number) {
  return new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE } });
}

/**
 * Changes a Word comparison holds. The docx library writes the file's XML in one synchronous pass
 * (about 1 s per 10,000 rows on a quiet core), during which the server answers nobody: a larger
 * comparison is refused by name and downloads as HTML, which is built in slices.
 */
export const MAX_DOCX_COMPARISON_CHANGES = 5_000;

/** The same comparison as a landscape Word table, deletions struck through and insertions underlined. */
export async function comparisonToDocx(comparison: VersionComparison, meta: ComparisonMeta): Promise<Buffer> {
  if (comparison.changes.length > MAX_DOCX_COMPARISON_CHANGES) throw new CodedError("comparison-too-large-for-docx", 413, { count: comparison.changes.length, max: MAX_DOCX_COMPARISON_CHANGES });
  const l = exportLabels(meta.locale);
  const s = comparison.summary;
  const header = new TableRow({
    tableHeader: true,
    children: l.comparison.headers.map((h, i) => cell([new Paragraph({ children: [new TextRun({ text: h, bold: true })] })], [6, 14, 40, 40][i]!)),
  });
  const slicer = new TimeSlicer();
  const rows: TableRow[] = [];
  for (const c of comparison.changes) {
    await slicer.maybeYield();
    const zh = sides(c, "source");
    const en = sides(c, "target");
    rows.push(new TableRow({
      children: [
        cell([new Paragraph({ children: [new TextRun({ text: fileNumber(c, l) })] })], 6),
        cell([new Paragraph({ children: [new TextRun({ text: l.comparison.kind(c.kind) }), ...(fileNote(c, l) ? [new TextRun({ text: ` (${fileNote(c, l)})`, italics: true })] : [])] })], 14),
        cell([new Paragraph({ children: diffRuns(zh.before, zh.after) })], 40),
        cell([new Paragraph({ children: diffRuns(en.before, en.after) })], 40),
      ],
    }));
  }
  const document = new Document({
    creator: "Duizhao",
    title: l.comparison.title(meta.documentTitle),
    styles: DOCX_STYLES,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: meta.documentTitle })] }),
          new Paragraph({ children: [new TextRun({ text: `${meta.projectName} · ${meta.sourceLang} → ${meta.targetLang}` })] }),
          new Paragraph({
            children: [new TextRun({ text: l.comparison.compared(comparison.older, comparison.newer) })],
          }),
          new Paragraph({
            children: [new TextRun({ text: l.comparison.summary(s) })],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
