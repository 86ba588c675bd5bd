import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  InsertedTextRun,
  Packer,
  Paragraph,
  TableRow,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from "docx";
import { exportLabels } from "../export-labels";
import { cell, DOCX_STYLES, escapeText, lines, paragraphXml, reviewDocument, rowStyle, targetParagraph, withRows } from "../docx-files";
import type { ExchangeDocument, ExchangeSegment } from "../exchange-model";
import { atomsFromDiff } from "./tracked-text";

/** Word's revision dates: ISO 8601 to the second, UTC. The re-import recognises its own changes by author and this time. */
export const wordDate = (iso: string) => `${new Date(iso).toISOString().slice(0, 19)}Z`;

/**
 * Revision and comment ids: unique across the whole document, as Word requires, and apart from
 * each other (and from bookmarks' small numbers) so no two annotations share one.
 */
class Ids {
  private revision = 1_000_000;
  private comment = 0;
  nextRevision = () => this.revision++;
  nextComment = () => this.comment++;
}

/**
 * A text's runs, line breaks as <w:br/> (a tracked line break is then accepted or rejected with
 * its words, which a paragraph mark would not be in a table cell).
 */
function textRuns(text: string, make: (options: { text: string; break?: number }) => ParagraphChild): ParagraphChild[] {
  return text.split("\n").map((line, i) => make({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

/**
 * The segment's English as runs: plain, or — with a tracked change — the word diff from the
 * older text as Word insertions and deletions by the change's author at its time. Accepting all
 * gives `target`, rejecting all `tracked.before`.
 */
export function trackedRuns(s: ExchangeSegment, ids: Ids, plain: string = s.target): ParagraphChild[] {
  const t = s.tracked;
  if (!t || t.before === s.target) return plain ? textRuns(plain, (o) => new TextRun(o)) : [];
  const date = wordDate(t.at);
  const out: ParagraphChild[] = [];
  for (const atom of atomsFromDiff(t.before, s.target, String)) {
    if (atom.ins !== undefined) out.push(...textRuns(atom.text, (o) => new InsertedTextRun({ ...o, id: ids.nextRevision(), author: t.author, date })));
    else if (atom.del !== undefined) out.push(...textRuns(atom.text, (o) => new DeletedTextRun({ ...o, id: ids.nextRevision(), author: t.author, date })));
    else out.push(...textRuns(atom.text, (o) => new TextRun(o)));
  }
  return out;
}

/**
 * The segment's comments as Word comments: each anchored over the English (a range around its
 * runs and a reference after them), replies linked to their thread (docx writes
 * commentsExtended.xml with w15:paraIdParent when a comment has a parent).
 */
function anchorComments(s: ExchangeSegment, ids: Ids, runs: ParagraphChild[], comments: ICommentOptions[]): ParagraphChild[] {
  if (!s.comments.length) return runs;
  const anchored = commentOptions(s, ids, comments);
  return [...anchored.map((id) => new CommentRangeStart(id)), ...runs, ...anchored.map((id) => new CommentRangeEnd(id)), ...anchored.map((id) => new TextRun({ children: [new CommentReference(id)] }))];
}

/** The segment's comments as docx comment options (numbered in order, replies linked); their ids. */
function commentOptions(s: ExchangeSegment, ids: Ids, comments: ICommentOptions[]): number[] {
  const numbers = new Map<string, number>();
  const anchored: number[] = [];
  for (const c of s.comments) {
    const id = ids.nextComment();
    if (c.id) numbers.set(c.id, id);
    const parent = c.parentId ? numbers.get(c.parentId) : undefined;
    comments.push({
      id,
      author: c.author,
      initials: initials(c.author),
      date: new Date(c.at),
      children: c.body.split("\n").map((line) => new Paragraph({ text: line })),
      ...(parent !== undefined ? { parentId: parent } : {}),
      ...(c.resolved ? { resolved: true } : {}),
    });
    anchored.push(id);
  }
  return anchored;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [...w][0])
    .join("")
    .slice(0, 4)
    .toUpperCase();

/**
 * The review table with tracked changes in the English column and comments as Word comments,
 * through docx's objects — ~1.4 ms of CPU a row; kept as the definition the fast writer
 * (trackedReviewTable) must match byte for byte (tests/unit/word-tracked-changes.test.ts).
 */
export async function trackedReviewTableReference(doc: ExchangeDocument): Promise<Buffer> {
  const ids = new Ids();
  const comments: ICommentOptions[] = [];
  const l = exportLabels(doc.locale);
  const rows = doc.segments.map((s, index) => {
    const kind = rowStyle(s.kind);
    const english = anchorComments(s, ids, trackedRuns(s, ids), comments);
    return new TableRow({
      children: [
        cell([new Paragraph({ text: String(index + 1) })]),
        cell(lines(s.source, kind)),
        cell([new Paragraph({ style: kind, children: english })]),
        cell([new Paragraph({ style: "small", text: l.status(s.status) })]),
        cell([new Paragraph({ style: "small", text: l.commentsInMargin(s.comments.length) })]),
        cell([new Paragraph({ style: "ref", text: `${s.id}@${s.version ?? 0}` })]),
      ],
    });
  });
  return Packer.toBuffer(reviewDocument(titled(doc), rows, comments));
}

const revisionXml = (kind: "ins" | "del", id: number, author: string, date: string, run: string) => `<w:${kind} w:id="${id}" w:author="${escapeText(author)}" w:date="${date}">${run}</w:${kind}>`;
/** A run as docx writes it: an empty deleted text has no text element (`<w:r/>`, or just the break). */
const runXml = (text: string, br: boolean, tag: "t" | "delText" = "t") =>
  text || tag === "t" ? `<w:r>${br ? "<w:br/>" : ""}<w:${tag} xml:space="preserve">${escapeText(text)}</w:${tag}></w:r>` : br ? "<w:r><w:br/></w:r>" : "<w:r/>";

/** trackedRuns and anchorComments as XML, written directly (the same ids in the same order). */
function englishXml(s: ExchangeSegment, ids: Ids, comments: ICommentOptions[]): string {
  const t = s.tracked;
  const lines = (text: string, each: (line: string, br: boolean) => string) => text.split("\n").map((line, i) => each(line, i > 0)).join("");
  let runs = "";
  if (!t || t.before === s.target) runs = s.target ? lines(s.target, (line, br) => runXml(line, br)) : "";
  else {
    const date = wordDate(t.at);
    for (const atom of atomsFromDiff(t.before, s.target, String)) {
      if (atom.ins !== undefined) runs += lines(atom.text, (line, br) => revisionXml("ins", ids.nextRevision(), t.author, date, runXml(line, br)));
      else if (atom.del !== undefined) runs += lines(atom.text, (line, br) => revisionXml("del", ids.nextRevision(), t.author, date, runXml(line, br, "delText")));
      else runs += lines(atom.text, (line, br) => runXml(line, br));
    }
  }
  if (!s.comments.length) return runs;
  const anchored = commentOptions(s, ids, comments);
  return `${anchored.map((id) => `<w:commentRangeStart w:id="${id}"/>`).join("")}${runs}${anchored.map((id) => `<w:commentRangeEnd w:id="${id}"/>`).join("")}${anchored.map((id) => `<w:r><w:commentReference w:id="${id}"/></w:r>`).join("")}`;
}

/**
 * The review table with tracked changes in the English column and comments as Word comments.
 * docx writes the document, its comments (comments.xml, and commentsExtended.xml for replies)
 * and the table's header; the rows are written as XML into the table — docx's objects cost
 * ~1.4 ms of CPU a row with revisions, most of a large export.
 */
export async function trackedReviewTable(doc: ExchangeDocument): Promise<Buffer> {
  const ids = new Ids();
  const comments: ICommentOptions[] = [];
  const l = exportLabels(doc.locale);
  const rows = doc.segments.map((s, index) => {
    const kind = rowStyle(s.kind);
    const cells = [
      paragraphXml(String(index + 1)),
      s.source.split("\n").map((line) => paragraphXml(line, kind)).join(""),
      `<w:p><w:pPr><w:pStyle w:val="${kind}"/></w:pPr>${englishXml(s, ids, comments)}</w:p>`,
      paragraphXml(l.status(s.status), "small"),
      paragraphXml(l.commentsInMargin(s.comments.length), "small"),
      paragraphXml(`${s.id}@${s.version ?? 0}`, "ref"),
    ];
    return (widths: string[]) => `<w:tr>${cells.map((content, i) => `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[i]}"/></w:tcPr>${content}</w:tc>`).join("")}</w:tr>`;
  });
  return withRows(reviewDocument(titled(doc), [], comments), (widths) => rows.map((row) => row(widths)).join(""));
}

const titled = (doc: ExchangeDocument) => ({ ...doc, versionLabel: exportLabels(doc.locale).trackedVersion(doc.versionLabel, doc.trackChanges?.label ?? "") });

/** The English-only file with tracked changes and Word comments, each segment in its bookmark. */
export async function trackedTargetOnly(doc: ExchangeDocument): Promise<Buffer> {
  const ids = new Ids();
  const comments: ICommentOptions[] = [];
  const paragraphs = doc.segments.map((s) => targetParagraph(s, anchorComments(s, ids, trackedRuns(s, ids, s.target || `[${s.source}]`), comments)));
  const document = new Document({
    creator: "Duizhao",
    title: doc.title,
    description: exportLabels(doc.locale).trackedDescription(doc.trackChanges?.label ?? ""),
    styles: DOCX_STYLES,
    ...(comments.length ? { comments: { children: comments } } : {}),
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(document);
}
