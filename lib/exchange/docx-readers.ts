import mammoth from "mammoth";
import { REVIEW_HEADER_SETS } from "./export-labels";
import { childrenOf, findAll, ImportRefused, parseUntrustedXml, tagOf, type XmlNode } from "./xml";
import { repack, type UnpackedZip } from "./zip";

/** Text of a Word paragraph, as Word shows it with tracked changes accepted (deleted text left out). */
function runText(nodes: XmlNode[]): string {
  let out = "";
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === "t") out += childrenOf(n).map((c) => String(c["#text"] ?? "")).join("");
    else if (tag === "tab") out += "\t";
    else if (tag === "br" || tag === "cr") out += "\n";
    else if (tag === "delText" || tag === "del" || tag === "instrText") continue;
    else out += runText(childrenOf(n));
  }
  return out;
}

function cellText(cell: XmlNode): string {
  return findAll(childrenOf(cell), "p")
    .map((p) => runText(childrenOf(p)))
    .join("\n");
}

function documentXml(zip: UnpackedZip): XmlNode[] {
  const xml = zip.parts.get("word/document.xml");
  if (!xml) throw new ImportRefused("not-word");
  return parseUntrustedXml(xml.toString("utf8"));
}

export interface ReviewTableRow {
  number: number;
  segmentId: string;
  /** The segment version the file was exported at. */
  version: number;
  source: string;
  target: string;
}

/**
 * Reads a bilingual review table exported by Duizhao (and perhaps edited in Word or LibreOffice):
 * the table whose header row is #, Chinese, English, … and each row's Ref (segment id@version).
 * Null when the Word file holds no such table (it is then a source document).
 */
export function findReviewTable(zip: UnpackedZip): ReviewTableRow[] | null {
  const nodes = documentXml(zip);
  for (const table of findAll(nodes, "tbl")) {
    const rows = findAll(childrenOf(table), "tr");
    const header = rows[0] ? findAll(childrenOf(rows[0]), "tc").map((c) => cellText(c).trim()) : [];
    if (!REVIEW_HEADER_SETS.some((headers) => header.slice(0, headers.length).join("|") === headers.join("|"))) continue;
    const out: ReviewTableRow[] = [];
    for (const [i, row] of rows.slice(1).entries()) {
      const cells = findAll(childrenOf(row), "tc").map(cellText);
      const ref = /^\s*([^@\s]+)@(\d+)\s*$/.exec(cells[5] ?? "");
      if (!ref) throw new ImportRefused("review-table-bad-ref", { row: i + 1 });
      out.push({ number: Number(cells[0]) || i + 1, segmentId: ref[1]!, version: Number(ref[2]), source: cells[1] ?? "", target: cells[2] ?? "" });
    }
    return out;
  }
  return null;
}

/**
 * A Word source document: its paragraphs and headings, in order, as text blocks for the usual
 * import (headings become their own segments). Tables, images and notes are left out.
 */
export async function readSourceDocx(zip: UnpackedZip): Promise<{ text: string; headings: number }> {
  if (!zip.parts.has("word/document.xml")) throw new ImportRefused("not-word");
  let html: string;
  try {
    // mammoth reads only the counted parts; images are left out without being read.
    html = (await mammoth.convertToHtml({ buffer: await repack(zip) }, { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) })).value;
  } catch {
    throw new ImportRefused("word-unreadable");
  }
  const blocks: string[] = [];
  let headings = 0;
  for (const m of html.matchAll(/<(h[1-6]|p)>([\s\S]*?)<\/\1>/g)) {
    const text = decodeHtml(m[2]!.replace(/<br\s*\/?>/g, "\n").replace(/<[^>]+>/g, "")).trim();
    if (!text) continue;
    if (m[1]!.startsWith("h")) headings++;
    blocks.push(text);
  }
  if (!blocks.length) throw new ImportRefused("word-empty");
  return { text: blocks.join("\n\n"), headings };
}

function decodeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!);
}
