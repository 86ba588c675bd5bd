/**
 * The reference translation of the seed article (prisma/seed-data/kunshan-hi-tech-zone.en.json,
 * also shipped in the demo) and the article's glossary, as test data for QA and alignment.
 */
import fs from "node:fs";
import path from "node:path";
import { glossaryFromCsv } from "@/lib/glossary/glossary-files";
import type { GlossaryEntry } from "@/lib/glossary/term-check";

export interface ReferenceSegment {
  position: number;
  kind: string;
  source: string;
  target: string;
  /** The translator's note where the printed source is garbled or cut. */
  note?: string;
}

const root = path.join(__dirname, "../..");

export function loadReference(): ReferenceSegment[] {
  const file = path.join(root, "prisma/seed-data/kunshan-hi-tech-zone.en.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { segments: ReferenceSegment[] }).segments;
}

export function loadReferenceGlossary(): GlossaryEntry[] {
  const text = fs.readFileSync(path.join(root, "tests/fixtures/reference/kunshan.glossary.csv"), "utf8");
  return glossaryFromCsv(text).map((row, i) => ({ id: `g${i}`, ...row }));
}
