/**
 * Measures the sentence aligner on hand-checked pairs of the reference translation
 * (tests/fixtures/reference/kunshan.alignment.json): the reference's own paragraphs, and twelve
 * paragraphs translated again with sentences merged and split, so that 2–1 and 1–2 pairings occur.
 * Used by tests/unit/align.test.ts (threshold) and `npm run bench:align` (figures).
 */
import fs from "node:fs";
import path from "node:path";
import { alignParagraph, type ParagraphAlignment } from "@/lib/align/align";
import { loadReference, loadReferenceGlossary } from "./reference";

export interface GoldParagraph {
  position: number;
  translation: "reference" | "restructured" | "held-out";
  /** The English, for a restructured translation (the reference's otherwise). */
  target?: string;
  zh: string[];
  en: string[];
  /** Beads: Chinese sentence indexes with the English sentence indexes that translate them. */
  pairs: [number[], number[]][];
}

export function loadAlignmentGold(): GoldParagraph[] {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/reference/kunshan.alignment.json"), "utf8")) as GoldParagraph[];
}

const beadKey = (zh: number[], en: number[]) => `${zh.join("+")}-${en.join("+")}`;

export interface AlignmentScore {
  paragraphs: number;
  sentences: number;
  correct: number;
  /** Beads other than 1–1 in the gold, and how many the aligner found exactly. */
  otherBeads: number;
  otherFound: number;
  errors: { position: number; translation: string; gold: string; found: string }[];
}

/** A sentence is paired correctly when the aligner puts it in exactly its gold bead (same sentences on both sides). */
export function scoreAlignment(gold: GoldParagraph[], align: (source: string, target: string) => ParagraphAlignment): AlignmentScore {
  const reference = loadReference();
  const score: AlignmentScore = { paragraphs: gold.length, sentences: 0, correct: 0, otherBeads: 0, otherFound: 0, errors: [] };
  for (const g of gold) {
    const segment = reference[g.position]!;
    const alignment = align(segment.source, g.target ?? segment.target);
    const found = new Set(alignment.pairs.map((p) => beadKey(range(p.source), range(p.target))));
    for (const [zh, en] of g.pairs) {
      const ok = found.has(beadKey(zh, en));
      score.sentences += zh.length + en.length;
      if (ok) score.correct += zh.length + en.length;
      if (zh.length !== 1 || en.length !== 1) {
        score.otherBeads++;
        if (ok) score.otherFound++;
      }
    }
    const goldKeys = g.pairs.map(([zh, en]) => beadKey(zh, en)).join(" ");
    const foundKeys = [...found].join(" ");
    if (goldKeys !== foundKeys) score.errors.push({ position: g.position, translation: g.translation, gold: goldKeys, found: foundKeys });
  }
  return score;
}

const range = ([from, to]: [number, number]) => Array.from({ length: to - from }, (_, i) => from + i);

/** The aligner as the editor runs it: with the article's glossary. */
export function evaluateAlignment(): AlignmentScore {
  const glossary = loadReferenceGlossary();
  return scoreAlignment(loadAlignmentGold(), (source, target) => alignParagraph(source, target, { glossary }));
}
