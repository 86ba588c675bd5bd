import mammoth from "mammoth";
import { ImportRefused } from "./xml";
import { repack, type UnpackedZip } from "./zip";

export interface ReviewTableRow {
  number: number;
  segmentId: string;
  /** The segment version the file was exported at. */
  version: number;
  source: string;
  target: string;
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
