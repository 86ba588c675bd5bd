import { AlignmentType, Bookmark, BorderStyle, Document, type ICommentOptions, type ParagraphChild, HeadingLevel, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import JSZip from "jszip";
import { exportLabels, type ExportLabels } from "./export-labels";
import type { ExchangeDocument, ExchangeSegment } from "./exchange-model";

/**
 * Latin text in Calibri, Chinese in SimSun (present in Word on Windows and macOS); LibreOffice
 * and Word fall back to any installed CJK font (Noto CJK on Linux) because the text is also
 * tagged as Chinese for East Asian characters. Set once in the document's default style, and
 * kinds as paragraph styles: a 10,000-row table then stays small and quick to write.
 */
const FONT = { ascii: "Calibri", hAnsi: "Calibri", eastAsia: "SimSun", cs: "Calibri" };
const LANG = { value: "en-US", eastAsia: "zh-CN" };
export const DOCX_STYLES = {
  default: { document: { run: { font: FONT, language: LANG, size: 20 } } },
  paragraphStyles: [
    { id: "heading", name: "Duizhao heading", basedOn: "Normal", run: { bold: true } },
    { id: "caption", name: "Duizhao caption", basedOn: "Normal", run: { italics: true } },
    { id: "byline", name: "Duizhao byline", basedOn: "Normal", run: { color: "555555" } },
    { id: "paragraph", name: "Duizhao paragraph", basedOn: "Normal" },
    { id: "small", name: "Duizhao small", basedOn: "Normal", run: { size: 18 } },
    { id: "ref", name: "Duizhao reference", basedOn: "Normal", run: { size: 12, color: "888888" } },
    { id: "note", name: "Duizhao note", basedOn: "Normal", run: { italics: true, color: "555555" } },
  ],
};

/** The review table's column headers in English; the re-import finds the table by them in any language (REVIEW_HEADER_SETS). */
export const REVIEW_HEADERS = exportLabels("en").reviewHeaders;
/** Column widths in twentieths of a point (landscape A4/Letter text width ≈ 13,700). */
const COLUMN_WIDTHS = [700, 4300, 4300, 1500, 1750, 1150];

function run(text: string, extra: { bold?: boolean } = {}) {
  return new TextRun({ text, ...extra });
}

/** A cell's text as paragraphs (one per line) in the style of the segment's kind. */
export function lines(text: string, style: string): Paragraph[] {
  return (text || "").split("\n").map((line) => new Paragraph({ style, text: line }));
}

export function cell(children: Paragraph[], shade?: string) {
  return new TableCell({ children, shading: shade ? { type: ShadingType.CLEAR, color: "auto", fill: shade } : undefined });
}

function headerBlock(doc: ExchangeDocument, l: ExportLabels): Paragraph[] {
  // "Project: " / "项目：" — the label's colon follows the language.
  const label = (text: string) => run(l.locale === "zh-CN" ? `${text}：` : `${text}: `, { bold: true });
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: doc.title }),
    new Paragraph({ children: [label(l.project), run(doc.projectName)] }),
    new Paragraph({ children: [label(l.languages), run(`${doc.sourceLang} → ${doc.targetLang}`)] }),
    new Paragraph({ children: [label(l.exported), run(l.at(doc.exportedAt))] }),
    new Paragraph({ children: [label(l.version), run(doc.versionLabel)] }),
    new Paragraph({ children: [label(l.progress), run(l.progressText(doc.progress))] }),
    new Paragraph({ style: "note", text: l.reviewNote }),
  ];
}

export const rowStyle = (kind: string) => (["heading", "caption", "byline"].includes(kind) ? kind : "paragraph");
const commentsText = (s: ExchangeSegment) => s.comments.map((c) => `${c.author}: ${c.body}`).join("\n");

/**
 * One segment's row as docx objects: the definition of the row. The export writes the same XML
 * directly (reviewRowXml); tests/unit/exchange-writers.test.ts checks the two byte for byte.
 */
function reviewRow(s: ExchangeSegment, index: number, l: ExportLabels): TableRow {
  const kind = rowStyle(s.kind);
  const comments = commentsText(s);
  return new TableRow({
    children: [
      cell([new Paragraph({ text: String(index + 1) })]),
      cell(lines(s.source, kind)),
      cell(lines(s.target, kind)),
      cell([new Paragraph({ style: "small", text: l.status(s.status) })]),
      cell(lines(comments, "small")),
      cell([new Paragraph({ style: "ref", text: `${s.id}@${s.version ?? 0}` })]),
    ],
  });
}

export function reviewDocument(doc: ExchangeDocument, rows: TableRow[], comments?: ICommentOptions[], l: ExportLabels = exportLabels(doc.locale)): Document {
  const header = new TableRow({ tableHeader: true, children: l.reviewHeaders.map((h) => cell([new Paragraph({ children: [run(h, { bold: true })] })], "E7EFFB")) });
  const border = { style: BorderStyle.SINGLE, size: 4, color: "B8BFC9" };
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: COLUMN_WIDTHS,
    rows: [header, ...rows],
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
  });
  return new Document({
    creator: "Duizhao",
    title: doc.title,
    description: l.reviewDescription(doc.versionLabel),
    styles: DOCX_STYLES,
    customProperties: [{ name: "DuizhaoDocumentId", value: doc.documentId }],
    ...(comments?.length ? { comments: { children: comments } } : {}),
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: [...headerBlock(doc, l), table] }],
  });
}

/** Text as docx escapes it: markup characters as entities, characters XML forbids left out. */
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };
export const escapeText = (text: string) => text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? "");

export function paragraphXml(text: string, style?: string): string {
  return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}${text ? `<w:r><w:t xml:space="preserve">${escapeText(text)}</w:t></w:r>` : ""}</w:p>`;
}

/** reviewRow's XML, written directly; `widths` are the cells' widths as docx computed them for the header. */
function reviewRowXml(s: ExchangeSegment, index: number, widths: string[], l: ExportLabels): string {
  const kind = rowStyle(s.kind);
  const lines = (text: string, style: string) => (text || "").split("\n").map((line) => paragraphXml(line, style)).join("");
  const cells = [
    paragraphXml(String(index + 1)),
    lines(s.source, kind),
    lines(s.target, kind),
    paragraphXml(l.status(s.status), "small"),
    lines(commentsText(s), "small"),
    paragraphXml(`${s.id}@${s.version ?? 0}`, "ref"),
  ];
  return `<w:tr>${cells.map((content, i) => `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[i]}"/></w:tcPr>${content}</w:tc>`).join("")}</w:tr>`;
}

/**
 * The review table with every row made through docx's objects — the slow way (~3 s of CPU for
 * 10,000 rows), kept as the reference the fast writer must match.
 */
export async function docxReviewTableReference(doc: ExchangeDocument): Promise<Buffer> {
  const l = exportLabels(doc.locale);
  return Packer.toBuffer(reviewDocument(doc, doc.segments.map((s, i) => reviewRow(s, i, l)), undefined, l));
}

/**
 * The bilingual review table: a header block, then #, Chinese, English, status, comments (landscape).
 * docx writes the document with the table's header row; the segments' rows are then written as
 * XML into that table (docx's object model and serialiser cost ~0.3 ms per row, most of a
 * 10,000-segment export), and docx packs the result.
 */
export async function docxReviewTable(doc: ExchangeDocument): Promise<Buffer> {
  // With tracked changes, the rows hold Word revisions and comment anchors.
  if (doc.trackChanges) return (await import("./tracked/docx-tracked-writer")).trackedReviewTable(doc);
  const l = exportLabels(doc.locale);
  return withRows(reviewDocument(doc, [], undefined, l), (widths) => doc.segments.map((s, i) => reviewRowXml(s, i, widths, l)).join(""));
}

/**
 * Packs a review document whose table docx wrote with its header row only, the rows written as
 * XML into it; `rows` gets the cells' widths as docx computed them for the header.
 */
export async function withRows(document: Document, rows: (widths: string[]) => string): Promise<Buffer> {
  const frame = await JSZip.loadAsync(await Packer.toBuffer(document));
  const xml = await frame.file("word/document.xml")!.async("string");
  const tableEnd = xml.lastIndexOf("</w:tbl>");
  const widths = [...xml.slice(xml.lastIndexOf("<w:tbl>"), tableEnd).matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((m) => m[1]!);
  if (tableEnd < 0 || widths.length !== REVIEW_HEADERS.length) throw new Error("docx wrote the review table in an unexpected shape");
  return Packer.toBuffer(document, false, [{ path: "word/document.xml", data: xml.slice(0, tableEnd) + rows(widths) + xml.slice(tableEnd) }]);
}

/** The English text alone, headings as Word headings, captions in italics, the byline set right. */
export async function docxTargetOnly(doc: ExchangeDocument): Promise<Buffer> {
  if (doc.trackChanges) return (await import("./tracked/docx-tracked-writer")).trackedTargetOnly(doc);
  const paragraphs = doc.segments.map((s) => targetParagraph(s, [new TextRun(s.target || `[${s.source}]`)]));
  const document = new Document({ creator: "Duizhao", title: doc.title, styles: DOCX_STYLES, sections: [{ children: paragraphs }] });
  return Packer.toBuffer(document);
}

/**
 * The bookmark that names a segment in the English-only file (`dz_<id>_v<version>`), so the file
 * can come back through the re-import page: Word and LibreOffice keep bookmarks when editing.
 * Word allows letters, digits and underscores, at most 40 characters: ids' hyphens are dropped.
 */
export const segmentBookmark = (s: { id: string; version?: number }) => `dz_${s.id.replace(/[^A-Za-z0-9]/g, "")}_v${s.version ?? 0}`;
export const SEGMENT_BOOKMARK = /^dz_([A-Za-z0-9]+)_v(\d+)$/;

/** One segment's paragraph in the English-only file, styled by kind, its runs inside the segment's bookmark. */
export function targetParagraph(s: ExchangeSegment, runs: ParagraphChild[]): Paragraph {
  const children = [new Bookmark({ id: segmentBookmark(s), children: runs })];
  if (s.kind === "heading") return new Paragraph({ heading: HeadingLevel.HEADING_2, children });
  if (s.kind === "caption") return new Paragraph({ style: "caption", children });
  if (s.kind === "byline") return new Paragraph({ style: "byline", alignment: AlignmentType.RIGHT, children });
  return new Paragraph({ spacing: { after: 160 }, children });
}
