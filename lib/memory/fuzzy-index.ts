/**
 * Fuzzy matching for the translation memory, made for Chinese: no word spaces, so units are
 * compared by character bigrams. An inverted index (bigram → units) finds candidates without
 * scanning the memory; the best candidates are then scored like CAT tools do — one minus the
 * edit distance over the longer length, in characters — so "85%" means what translators expect.
 */

export interface MemoryUnit {
  id: string;
  source: string;
  target: string;
}

export interface FuzzyMatch<U extends MemoryUnit = MemoryUnit> {
  unit: U;
  /** 0–100, rounded down: 100 only for an identical source. */
  score: number;
}

/** What matching ignores: spacing, and the difference between full- and half-width forms. */
export function normaliseForMatch(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

function bigrams(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length < 2) return chars.length ? [chars[0]!] : [];
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Levenshtein distance over code points, in O(n·m) time and O(m) space. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (!x.length) return y.length;
  if (!y.length) return x.length;
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const cost = xi === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

export function similarity(a: string, b: string): number {
  const na = normaliseForMatch(a);
  const nb = normaliseForMatch(b);
  if (na === nb) return 100;
  const longest = Math.max(Array.from(na).length, Array.from(nb).length);
  if (!longest) return 0;
  // 100 is kept for exact matches: a near-identical text tops out at 99.
  return Math.min(99, Math.floor((1 - editDistance(na, nb) / longest) * 100));
}

export class FuzzyIndex<U extends MemoryUnit = MemoryUnit> {
  private readonly units: U[] = [];
  private readonly grams = new Map<string, number[]>();
  private readonly normalised: string[] = [];
  private readonly lengths: number[] = [];
  private readonly ids = new Set<string>();

  get size(): number {
    return this.units.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(unit: U): void {
    if (this.ids.has(unit.id)) return;
    const index = this.units.length;
    this.units.push(unit);
    this.ids.add(unit.id);
    const norm = normaliseForMatch(unit.source);
    this.normalised.push(norm);
    const grams = new Set(bigrams(norm));
    this.lengths.push(grams.size);
    for (const g of grams) {
      const postings = this.grams.get(g);
      if (postings) postings.push(index);
      else this.grams.set(g, [index]);
    }
  }

  /**
   * The best matches at or above `minScore`. Candidates are the units sharing the most bigrams
   * (Dice coefficient, which bounds how similar they can be); the rarest bigrams are counted
   * first and the most common ones skipped once enough candidates are in hand.
   */
  search(source: string, options: { limit?: number; minScore?: number; candidates?: number } = {}): FuzzyMatch<U>[] {
    const limit = options.limit ?? 3;
    const minScore = options.minScore ?? 60;
    const norm = normaliseForMatch(source);
    const query = [...new Set(bigrams(norm))];
    if (!query.length) return [];
    const postings = query.map((g) => this.grams.get(g) ?? []).filter((p) => p.length).sort((a, b) => a.length - b.length);
    const shared = new Map<number, number>();
    const maxPostings = Math.max(2_000, this.units.length / 10);
    for (const [k, list] of postings.entries()) {
      // Very common bigrams (、的, 发展) say little: once a third of the query is counted, skip them.
      if (list.length > maxPostings && k > query.length / 3) break;
      for (const unit of list) shared.set(unit, (shared.get(unit) ?? 0) + 1);
    }
    // Dice ≥ the minimum score's share is necessary for a match worth showing (bigrams ≈ characters).
    const ranked: { unit: number; dice: number }[] = [];
    for (const [unit, count] of shared) {
      const dice = (2 * count) / (query.length + this.lengths[unit]!);
      if (dice * 100 >= minScore * 0.6) ranked.push({ unit, dice });
    }
    ranked.sort((a, b) => b.dice - a.dice);
    const scored: FuzzyMatch<U>[] = [];
    for (const { unit } of ranked.slice(0, options.candidates ?? 30)) {
      const score = this.normalised[unit] === norm ? 100 : similarity(norm, this.normalised[unit]!);
      if (score >= minScore) scored.push({ unit: this.units[unit]!, score });
    }
    scored.sort((a, b) => b.score - a.score || a.unit.source.length - b.unit.source.length);
    // The same source with the same translation from several documents shows once.
    const seen = new Set<string>();
    return scored.filter((m) => !seen.has(`${m.unit.source}\u0000${m.unit.target}`) && seen.add(`${m.unit.source}\u0000${m.unit.target}`)).slice(0, limit);
  }
}
