import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { STATUS_LABELS } from "@/lib/review/segment-status";
import type { ExchangeDocument, ExchangeSegment } from "./exchange-model";

/**
 * Latin text in Calibri, Chinese in SimSun (present in Word on Windows and macOS); LibreOffice
 * and Word fall back to any installed CJK font (Noto CJK on Linux) because every run is also
 * tagged as Chinese for East Asian text.
 */
const FONT = { ascii: "Calibri", hAnsi: "Calibri", eastAsia: "SimSun", cs: "Calibri" };
const LANG = { value: "en-US", eastAsia: "zh-CN" };

/** The review table's column headers; the re-import finds the table by them. */
export const REVIEW_HEADERS = ["#", "Chinese", "English", "Status", "Comments", "Ref"] as const;

function run(text: string, extra: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) {
  return new TextRun({ text, font: FONT, language: LANG, ...extra });
}

/** A cell's text as paragraphs (one per line), styled by the segment's kind. */
function lines(text: string, kind: string, extra: { color?: string; size?: number } = {}): Paragraph[] {
  const style = { bold: kind === "heading", italics: kind === "caption", color: kind === "byline" ? "555555" : undefined, ...extra };
  return (text || "").split("\n").map((line) => new Paragraph({ children: [run(line, style)] }));
}

function cell(children: Paragraph[], width: number, shade?: string) {
  return new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE }, shading: shade ? { type: ShadingType.CLEAR, color: "auto", fill: shade } : undefined });
}

function headerBlock(doc: ExchangeDocument): Paragraph[] {
  const p = doc.progress;
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(doc.title)] }),
    new Paragraph({ children: [run("Project: ", { bold: true }), run(doc.projectName)] }),
    new Paragraph({ children: [run("Languages: ", { bold: true }), run(`${doc.sourceLang} → ${doc.targetLang}`)] }),
    new Paragraph({ children: [run("Exported: ", { bold: true }), run(`${doc.exportedAt.slice(0, 16).replace("T", " ")} UTC`)] }),
    new Paragraph({ children: [run("Version: ", { bold: true }), run(doc.versionLabel)] }),
    new Paragraph({
      children: [run("Progress: ", { bold: true }), run(`${p.approved} of ${p.total} segments approved, ${p.translated} translated (${p.total ? Math.round((p.approved * 100) / p.total) : 0}% approved)`)],
    }),
    new Paragraph({
      children: [run("Edit only the English column. Keep the Ref column as it is: it tells Duizhao which segment each row is when this file comes back.", { italics: true, color: "555555" })],
    }),
  ];
}

function reviewRow(s: ExchangeSegment, index: number): TableRow {
  const comments = s.comments.map((c) => `${c.author}: ${c.body}`).join("\n");
  return new TableRow({
    cantSplit: false,
    children: [
      cell([new Paragraph({ children: [run(String(index + 1))] })], 5),
      cell(lines(s.source, s.kind), 32),
      cell(lines(s.target, s.kind), 32),
      cell([new Paragraph({ children: [run(STATUS_LABELS[s.status], { size: 18 })] })], 10),
      cell(lines(comments, "paragraph", { size: 18 }), 13),
      cell([new Paragraph({ children: [run(`${s.id}@${s.version ?? 0}`, { size: 12, color: "888888" })] })], 8),
    ],
  });
}

/** The bilingual review table: a header block, then #, Chinese, English, status, comments (landscape). */
export async function docxReviewTable(doc: ExchangeDocument): Promise<Buffer> {
  const header = new TableRow({ tableHeader: true, children: REVIEW_HEADERS.map((h, i) => cell([new Paragraph({ children: [run(h, { bold: true })] })], [5, 32, 32, 10, 13, 8][i]!, "E7EFFB")) });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [header, ...doc.segments.map(reviewRow)],
    borders: {
      top: { style: BorderStyle.SINGLE, size: 4, color: "B8BFC9" },
      bottom: { style: BorderStyle.SINGLE, size: 4, color: "B8BFC9" },
      left: { style: BorderStyle.SINGLE, size: 4, color: "B8BFC9" },
      right: { style: BorderStyle.SINGLE, size: 4, color: "B8BFC9" },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: "B8BFC9" },
      insideVertical: { style: BorderStyle.SINGLE, size: 4, color: "B8BFC9" },
    },
  });
  const document = new Document({
    creator: "Duizhao",
    title: doc.title,
    description: `Bilingual review table — ${doc.versionLabel}`,
    customProperties: [{ name: "DuizhaoDocumentId", value: doc.documentId }],
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: [...headerBlock(doc), table] }],
  });
  return Packer.toBuffer(document);
}

/** The English text alone, headings as Word headings, captions in italics, the byline set right. */
export async function docxTargetOnly(doc: ExchangeDocument): Promise<Buffer> {
  const paragraphs = doc.segments.map((s) => {
    const text = s.target || `[${s.source}]`;
    if (s.kind === "heading") return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(text)] });
    if (s.kind === "caption") return new Paragraph({ children: [run(text, { italics: true, color: "444444" })] });
    if (s.kind === "byline") return new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(text, { color: "555555" })] });
    return new Paragraph({ spacing: { after: 160 }, children: [run(text)] });
  });
  const document = new Document({ creator: "Duizhao", title: doc.title, sections: [{ children: paragraphs }] });
  return Packer.toBuffer(document);
}
