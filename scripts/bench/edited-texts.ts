/**
 * English paragraphs and edited copies of them, for diff benches: a vocabulary of real words (from
 * the project's README), sentences of varied length, and edits at a chosen rate — words replaced,
 * removed and inserted, and some sentences rewritten from scratch — as a reviser does.
 */
import fs from "node:fs";
import path from "node:path";
import { randomInt, seededRandom } from "./stats";

const README = path.join(import.meta.dirname, "../../README.md");
let vocabulary: string[] | null = null;
function words(): string[] {
  vocabulary ??= [...new Set(fs.readFileSync(README, "utf8").toLowerCase().match(/\b[a-z]{2,12}\b/g) ?? [])];
  return vocabulary;
}

function sentence(random: () => number): string {
  const vocab = words();
  const n = 8 + randomInt(random, 18);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(vocab[randomInt(random, vocab.length)]!);
  if (n > 12) out[randomInt(random, n - 2) + 1] += ",";
  out[0] = out[0]![0]!.toUpperCase() + out[0]!.slice(1);
  return `${out.join(" ")}.`;
}

/** A paragraph of about `length` characters (cut at a sentence end). */
export function englishParagraph(length: number, seed: number): string {
  const random = seededRandom(seed);
  let text = "";
  while (text.length < length) text += `${text ? " " : ""}${sentence(random)}`;
  return text;
}

/**
 * The paragraph edited: each word replaced, removed, or followed by a new word with probability
 * `rate` (split evenly); each sentence rewritten whole with probability `rate / 4`; and with
 * probability `rate / 6` each, a sentence joined to the next or split in two — so the edited
 * paragraph has a different number of sentences, as revised prose does.
 */
export function editParagraph(text: string, rate: number, seed: number): string {
  const random = seededRandom(seed);
  const vocab = words();
  const sentences: string[] = [];
  for (const s of text.match(/[^.]+\.\s*/g) ?? [text]) {
    const last = sentences.length - 1;
    const r = random();
    if (last >= 0 && r < rate / 6) sentences[last] = `${sentences[last]!.replace(/\.\s*$/, ",")} ${s[0]!.toLowerCase()}${s.slice(1)}`;
    else if (r < rate / 3 && s.split(" ").length > 10) {
      const w = s.split(" ");
      const cut = 4 + randomInt(random, w.length - 8);
      sentences.push(`${w.slice(0, cut).join(" ").replace(/,$/, "")}. `, `${w[cut]![0]!.toUpperCase()}${w[cut]!.slice(1)} ${w.slice(cut + 1).join(" ")}`);
    } else sentences.push(s);
  }
  return sentences
    .map((s) => {
      if (random() < rate / 4) return `${sentence(random)} `;
      return s
        .split(" ")
        .flatMap((w) => {
          if (!w || random() >= rate) return [w];
          const r = random();
          if (r < 1 / 3) return [vocab[randomInt(random, vocab.length)]! + (/[.,]$/.test(w) ? w.slice(-1) : "")];
          if (r < 2 / 3) return /[.,]$/.test(w) ? [w] : [];
          return [w, vocab[randomInt(random, vocab.length)]!];
        })
        .join(" ");
    })
    .join("")
    .trim();
}
