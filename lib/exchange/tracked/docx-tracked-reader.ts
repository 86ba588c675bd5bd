import { SEGMENT_BOOKMARK } from "../docx-files";
import { REVIEW_HEADER_SETS } from "../export-labels";
import { attrOf, childrenOf, findAll, ImportRefused, parseUntrustedXml, tagOf, type XmlNode } from "../xml";
import type { UnpackedZip } from "../zip";
import { acceptAll, mergeAtoms, type Atom } from "./tracked-text";

/** A tracked change as the file records it. */
export interface FileChange {
  kind: "insert" | "delete";
  author: string;
  /** As written in the file (Word writes local time marked Z; LibreOffice UTC). */
  date: string | null;
}

export interface WordComment {
  id: string;
  author: string;
  date: string | null;
  text: string;
  /** The comment it replies to (commentsExtended.xml's w15:paraIdParent), if any. */
  parentId: string | null;
}

/** One segment's English in the file, with its tracked changes and the comments anchored on its row or paragraph. */
export interface TrackedUnit {
  /** The segment id (review table), or the id as the bookmark holds it, letters and digits only (English-only). */
  segmentRef: string;
  version: number;
  atoms: Atom[];
  commentIds: string[];
  /** The review table's row number and Chinese (accept-all text); the English-only file has neither. */
  number: number;
  source: string;
}

export interface TrackedDocx {
  layout: "review" | "english";
  units: TrackedUnit[];
  changes: Record<string, FileChange>;
  comments: WordComment[];
}

/** Elements whose content is run content of the same paragraph (links, content controls, fields…). */
const TRANSPARENT = new Set(["hyperlink", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple", "dir", "bdo", "r"]);
/** Word's and LibreOffice's wrappers of tracked text: moves are a deletion here and an insertion there. */
const WRAPPERS: Record<string, FileChange["kind"]> = { ins: "insert", del: "delete", moveTo: "insert", moveFrom: "delete" };

class Collector {
  changes: Record<string, FileChange> = {};
  private n = 0;
  atoms: Atom[] = [];
  commentIds: string[] = [];
  bookmarks: string[] = [];

  change(node: XmlNode, kind: FileChange["kind"]): string {
    const key = `c${++this.n}`;
    this.changes[key] = { kind, author: attrOf(node, "author") ?? "", date: attrOf(node, "date") ?? null };
    return key;
  }

  reset() {
    const out = { atoms: this.atoms, commentIds: this.commentIds, bookmarks: this.bookmarks };
    this.atoms = [];
    this.commentIds = [];
    this.bookmarks = [];
    return out;
  }

  push(text: string, marks: { ins?: string; del?: string }) {
    if (text) this.atoms.push({ text, ...marks });
  }

  /** Run content, in order: text, tabs, breaks; deleted text only inside a deletion. */
  content(nodes: XmlNode[], marks: { ins?: string; del?: string }) {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (!tag) continue;
      const kind = WRAPPERS[tag];
      if (kind) this.content(childrenOf(node), { ...marks, [kind === "insert" ? "ins" : "del"]: this.change(node, kind) });
      else if (TRANSPARENT.has(tag)) this.content(childrenOf(node), marks);
      else if (tag === "t" || (tag === "delText" && marks.del)) this.push(childrenOf(node).map((c) => String(c["#text"] ?? "")).join(""), marks);
      else if (tag === "tab") this.push("\t", marks);
      else if (tag === "br" || tag === "cr") this.push("\n", marks);
      else if (tag === "noBreakHyphen") this.push("\u2011", marks);
      else if (tag === "commentRangeStart" || tag === "commentReference") {
        const id = attrOf(node, "id");
        if (id !== undefined && !this.commentIds.includes(id)) this.commentIds.push(id);
      } else if (tag === "bookmarkStart") {
        const name = attrOf(node, "name");
        if (name) this.bookmarks.push(name);
      }
      // Everything else (run properties with their rPrChange, field codes, drawings) holds no text.
    }
  }

  /** A paragraph's atoms; its mark (the line break to the next paragraph) may itself be tracked. */
  paragraph(p: XmlNode): { ins?: string; del?: string } {
    this.content(childrenOf(p), {});
    const markProps = findAll(childrenOf(p).filter((c) => tagOf(c) === "pPr"), "rPr")[0];
    const marks: { ins?: string; del?: string } = {};
    for (const c of markProps ? childrenOf(markProps) : []) {
      const kind = WRAPPERS[tagOf(c) ?? ""];
      if (kind) marks[kind === "insert" ? "ins" : "del"] = this.change(c, kind);
    }
    return marks;
  }

  /** Paragraphs joined by line breaks (a cell, or a segment's paragraphs in the English-only file). */
  paragraphs(ps: XmlNode[]) {
    ps.forEach((p, i) => {
      const mark = this.paragraph(p);
      if (i < ps.length - 1) this.push("\n", mark);
    });
  }

  /** Consecutive pieces of one change split over several elements (runs, moves) become one change. */
  joinSplitChanges(atoms: Atom[]): Atom[] {
    const same = (a?: string, b?: string) => {
      if (a === b) return true;
      if (!a || !b) return false;
      const x = this.changes[a]!;
      const y = this.changes[b]!;
      return x.kind === y.kind && x.author === y.author && x.date === y.date;
    };
    const out: Atom[] = [];
    for (const a of atoms) {
      const last = out[out.length - 1];
      const next = { ...a };
      if (last && next.ins && last.ins && same(last.ins, next.ins)) next.ins = last.ins;
      if (last && next.del && last.del && same(last.del, next.del)) next.del = last.del;
      out.push(next);
    }
    return mergeAtoms(out);
  }
}

function body(zip: UnpackedZip): XmlNode[] {
  const xml = zip.parts.get("word/document.xml");
  if (!xml) throw new ImportRefused("not-word");
  return findAll(parseUntrustedXml(xml.toString("utf8")), "body");
}

const cellsOf = (row: XmlNode) => childrenOf(row).filter((c) => tagOf(c) === "tc");
const parasOf = (cell: XmlNode) => findAll(childrenOf(cell), "p");

function reviewUnits(nodes: XmlNode[], c: Collector): TrackedUnit[] | null {
  for (const table of findAll(nodes, "tbl")) {
    const rows = childrenOf(table).filter((r) => tagOf(r) === "tr");
    const header = rows[0] ? cellsOf(rows[0]).map((cell) => (c.paragraphs(parasOf(cell)), acceptAll(c.reset().atoms).trim())) : [];
    // Exported in either interface language: its headings are in that language.
    if (!REVIEW_HEADER_SETS.some((headers) => header.slice(0, headers.length).join("|") === headers.join("|"))) continue;
    const units: TrackedUnit[] = [];
    for (const [i, row] of rows.slice(1).entries()) {
      // Only the English cell's changes count; comments anchored anywhere in the row are the segment's.
      const commentIds = new Set<string>();
      let atoms: Atom[] = [];
      const texts = cellsOf(row).map((cell, k) => {
        c.paragraphs(parasOf(cell));
        const got = c.reset();
        got.commentIds.forEach((id) => commentIds.add(id));
        if (k === 2) atoms = got.atoms;
        return acceptAll(got.atoms);
      });
      const ref = /^\s*([^@\s]+)@(\d+)\s*$/.exec(texts[5] ?? "");
      if (!ref) throw new ImportRefused("review-table-bad-ref", { row: i + 1 });
      units.push({ segmentRef: ref[1]!, version: Number(ref[2]), atoms: c.joinSplitChanges(atoms), commentIds: [...commentIds], number: Number(texts[0]) || i + 1, source: texts[1] ?? "" });
    }
    return units;
  }
  return null;
}

/**
 * The English-only file: each segment's paragraph opens with its bookmark (dz_<id>_v<version>);
 * paragraphs without one (added by the reviewer) continue the segment before them.
 */
function englishUnits(nodes: XmlNode[], c: Collector): TrackedUnit[] | null {
  const units: TrackedUnit[] = [];
  let current: TrackedUnit | null = null;
  let pendingMark: { ins?: string; del?: string } = {};
  for (const p of findAll(nodes, "p")) {
    const mark = c.paragraph(p);
    const got = c.reset();
    const named = got.bookmarks.map((b) => SEGMENT_BOOKMARK.exec(b)).find(Boolean);
    if (named) {
      current = { segmentRef: named[1]!, version: Number(named[2]), atoms: [...got.atoms], commentIds: [...got.commentIds], number: units.length + 1, source: "" };
      units.push(current);
    } else if (current) {
      current.atoms.push({ text: "\n", ...pendingMark }, ...got.atoms);
      current.commentIds.push(...got.commentIds.filter((id) => !current!.commentIds.includes(id)));
    }
    pendingMark = mark;
  }
  for (const u of units) u.atoms = c.joinSplitChanges(u.atoms);
  return units.length ? units : null;
}

/** comments.xml with replies linked through commentsExtended.xml (paraId of a comment's last paragraph). */
function readComments(zip: UnpackedZip, c: Collector): WordComment[] {
  const xml = zip.parts.get("word/comments.xml");
  if (!xml) return [];
  const parentByPara = new Map<string, string>();
  const extended = zip.parts.get("word/commentsExtended.xml");
  if (extended) {
    for (const ex of findAll(parseUntrustedXml(extended.toString("utf8")), "commentEx")) {
      const para = attrOf(ex, "paraId");
      const parent = attrOf(ex, "paraIdParent");
      if (para && parent) parentByPara.set(para, parent);
    }
  }
  const commentByPara = new Map<string, string>();
  const comments: (WordComment & { para?: string })[] = [];
  for (const node of findAll(parseUntrustedXml(xml.toString("utf8")), "comment")) {
    const paragraphs = findAll(childrenOf(node), "p");
    c.paragraphs(paragraphs);
    const text = acceptAll(c.reset().atoms).trim();
    const id = attrOf(node, "id") ?? "";
    const para = paragraphs.length ? attrOf(paragraphs[paragraphs.length - 1]!, "paraId") : undefined;
    if (para) commentByPara.set(para, id);
    comments.push({ id, author: attrOf(node, "author") ?? "", date: attrOf(node, "date") ?? null, text, parentId: null, para });
  }
  return comments.map(({ para, ...comment }) => ({ ...comment, parentId: para && parentByPara.has(para) ? (commentByPara.get(parentByPara.get(para)!) ?? null) : null }));
}

/**
 * A Word file exported by Duizhao and perhaps edited with Track Changes, in Word or LibreOffice:
 * each segment's English as atoms (text with the insertions and deletions that touch it, moves
 * counted as deletion + insertion, formatting changes ignored), and the Word comments with their
 * threads. Null when the file is neither Duizhao's review table nor its English-only file.
 * Reads only the parts the unpacked-size gate counted, through the hardened XML parser.
 */
export function readTrackedDocx(zip: UnpackedZip): TrackedDocx | null {
  const nodes = body(zip);
  const c = new Collector();
  const review = reviewUnits(nodes, c);
  const units = review ?? englishUnits(nodes, c);
  if (!units) return null;
  return { layout: review ? "review" : "english", units, changes: c.changes, comments: readComments(zip, c) };
}
