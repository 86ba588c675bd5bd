import { KnownWords } from "./known-words";
import { tokenize, type WordToken } from "./tokenize";

/** What a Hunspell-compatible checker offers (nspell's shape). */
export interface Checker {
  correct(word: string): boolean;
  suggest(word: string): string[];
}

const MAX_CACHED = 50_000;
const MAX_SUGGESTIONS = 6;

/**
 * A project's spelling check: the dictionary's checker plus the project's known words (glossary
 * English, project dictionary). Answers per word are cached, so a long segment checked again
 * after each keystroke costs a tokenisation and a map lookup per word.
 */
export class Speller {
  private readonly cache = new Map<string, boolean>();

  constructor(
    private readonly checker: Checker,
    private known: KnownWords = new KnownWords(),
  ) {}

  /** Replaces the project's known words (the glossary or the dictionary changed). */
  setKnown(known: KnownWords): void {
    this.known = known;
    this.cache.clear();
  }

  isCorrect(word: string): boolean {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const plain = word.replace(/’/g, "'");
    const ok =
      this.known.has(plain) ||
      this.checker.correct(plain) ||
      // The possessive of any known or correct word (Kunshan's, Xi Jinping's, ministries').
      (/'s$/i.test(plain) && (this.checker.correct(plain.slice(0, -2)) || this.known.has(plain.slice(0, -2)))) ||
      (/s'$/i.test(plain) && this.checker.correct(plain.slice(0, -1)));
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(word, ok);
    return ok;
  }

  /** The misspelt words of a text, in order, with their offsets. */
  misspellings(text: string): WordToken[] {
    return tokenize(text).filter((t) => !this.isCorrect(t.word));
  }

  /**
   * Replacements for a misspelt word, best first: the project's own words within two edits (a
   * mistyped name: Kunshen → Kunshan), then the dictionary's suggestions; in the word's casing.
   */
  suggest(word: string, limit = MAX_SUGGESTIONS): string[] {
    const plain = word.replace(/’/g, "'");
    const lower = plain.toLowerCase();
    const own = this.known
      .list()
      .map((k) => ({ k, d: editDistance(lower, k.toLowerCase(), 2) }))
      .filter((x) => x.d > 0 && x.d <= 2)
      .sort((a, b) => a.d - b.d)
      .map((x) => x.k);
    const out: string[] = [];
    for (const s of [...own, ...this.checker.suggest(plain)]) {
      const cased = matchCase(plain, s);
      if (!out.includes(cased)) out.push(cased);
      if (out.length >= limit) break;
    }
    return word.includes("’") ? out.map((s) => s.replace(/'/g, "’")) : out;
  }
}

/** Capitalised or all-caps input gets capitalised or all-caps suggestions. */
function matchCase(model: string, word: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return word.toUpperCase();
  if (model[0] && model[0] === model[0].toUpperCase() && model[0] !== model[0].toLowerCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/** Damerau–Levenshtein distance (adjacent swaps count one), giving up past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}
