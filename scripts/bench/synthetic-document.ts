import fs from "node:fs";
import path from "node:path";
import { splitBlocks } from "@/lib/documents/split-blocks";

const SEED = path.join(import.meta.dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.zh.txt");

/**
 * A long document made from the seed article: its blocks repeated in order with the numbers
 * varied and a section counter added, so no two paragraphs are identical (as in a real report),
 * and with the seed's page-break cuts and captions repeated too. One block per segment.
 */
export function syntheticDocument(segments: number): string {
  const blocks = splitBlocks(fs.readFileSync(SEED, "utf8"));
  const lines: string[] = [];
  for (let i = 0; lines.length < segments; i++) {
    const block = blocks[i % blocks.length]!;
    const round = Math.floor(i / blocks.length);
    const varied = round === 0 ? block.text : block.text.replace(/\d+/g, (n) => String(Number(n) + round));
    // Headings get a section number; body text keeps its own end so cuts stay cuts.
    lines.push(block.gapBefore >= 2 ? `\n\n${varied}` : round > 0 && /\s/.test(varied) && varied.length < 40 ? `${varied}（${round}）` : varied);
  }
  return lines.join("\n\n") + "\n";
}
