/**
 * Fuzzy matching for the translation memory, made for Chinese: no word spaces, so units are
 * compared by character bigrams. An inverted index (bigram → units) finds candidates without
 * scanning the memory; the best candidates are then scored like CAT tools do — one minus the
 * edit distance over the longer length, in characters — so "85%" means what translators expect.
 */

import { Postings } from "./postings";

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
  return similarityOfNormalised(normaliseForMatch(a), normaliseForMatch(b));
}

/** `similarity` of two texts already passed through normaliseForMatch. */
export function similarityOfNormalised(na: string, nb: string): number {
  if (na === nb) return 100;
  const longest = Math.max(Array.from(na).length, Array.from(nb).length);
  if (!longest) return 0;
  // 100 is kept for exact matches: a near-identical text tops out at 99.
  return Math.min(99, Math.floor((1 - editDistance(na, nb) / longest) * 100));
}

export class FuzzyIndex<U extends MemoryUnit = MemoryUnit> {
  private readonly units: U[] = [];
  /** Bigram → its slot in `postings`. */
  private readonly slotOf = new Map<number | string, number>();
  private readonly postings = new Postings();
  private readonly normalised: string[] = [];
  /** Normalised source → the units with exactly that source (identical matches, context checks). */
  private readonly bySource = new Map<string, number[]>();
  /** Distinct bigrams per unit. */
  private lengths: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** The fewest distinct bigrams of any unit: bounds how little a unit can share and still rank. */
  private minLength = Infinity;
  private readonly ids = new Set<string>();
  /**
   * Characters get small dense numbers in order of appearance, so a bigram is one small integer
   * (first × 65,536 + second), which V8 keys a Map by far faster than by a two-character string.
   */
  private readonly bmpIds = new Int32Array(0x10000).fill(-1);
  private readonly astralIds = new Map<number, number>();
  private nextCharId = 0;
  private scratch = new Int32Array(256);
  /** Scratch for counting: shared-bigram counts per unit (all 0 between lookups), and the units touched. */
  private shared = new Int32Array(0);
  private touchedScratch = new Int32Array(0);
  /** Each unit's distinct bigram slots, one unit after another (unit i: unitSlots[unitStart[i]..unitStart[i + 1])): a candidate's exact count without the lists. */
  private unitSlots: Int32Array<ArrayBuffer> = new Int32Array(4096);
  private unitStart: Int32Array<ArrayBuffer> = new Int32Array(1025);
  /** Per slot: 1 while it is one of the current lookup's counted lists (all 0 between lookups). */
  private countedMark = new Uint8Array(0);

  get size(): number {
    return this.units.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(unit: U): void {
    this.addAll([unit]);
  }

  /**
   * Adds units: each unit's distinct bigrams are numbered here; the postings take them at the
   * next lookup (Postings.settle), so a memory read a page at a time is packed once — the first
   * lookup after reading 100,000 units pays that packing (160 ms of CPU on the loaded bench machine).
   */
  addAll(units: Iterable<U>): void {
    const first = this.units.length;
    let slots = new Int32Array(4096); // each added unit's distinct bigrams, as slots, one unit after another
    let used = 0;
    const ends: number[] = [];
    for (const unit of units) {
      if (this.ids.has(unit.id)) continue;
      const index = this.units.length;
      this.units.push(unit);
      this.ids.add(unit.id);
      const norm = normaliseForMatch(unit.source);
      this.normalised.push(norm);
      const same = this.bySource.get(norm);
      if (same) same.push(index);
      else this.bySource.set(norm, [index]);
      const keys = this.bigramKeys(norm, true);
      if (index >= this.lengths.length) this.lengths = grow(this.lengths, index + 1);
      this.lengths[index] = keys.length;
      if (keys.length < this.minLength) this.minLength = keys.length;
      for (const key of keys) {
        let slot = this.slotOf.get(key);
        if (slot === undefined) {
          slot = this.slotOf.size;
          this.slotOf.set(key, slot);
        }
        if (used === slots.length) slots = grow(slots, used + 1);
        slots[used++] = slot;
      }
      ends.push(used);
    }
    this.postings.ensureSlots(this.slotOf.size);
    this.postings.addBatch(first, slots, ends);
    const base = this.unitStart[first]!;
    if (base + used > this.unitSlots.length) this.unitSlots = grow(this.unitSlots, base + used);
    this.unitSlots.set(slots.subarray(0, used), base);
    if (this.units.length + 1 > this.unitStart.length) this.unitStart = grow(this.unitStart, this.units.length + 1);
    for (let i = 0; i < ends.length; i++) this.unitStart[first + i + 1] = base + ends[i]!;
  }

  /** Every unit whose source is identical to this one after normalisation (a 100% match), in the order added. */
  sameSource(source: string): U[] {
    return (this.bySource.get(normaliseForMatch(source)) ?? []).map((i) => this.units[i]!);
  }

  /**
   * The distinct bigrams of a normalised text (of a one-character text, the character itself).
   * For a query (`assign` false), characters the memory has never seen get negative numbers of
   * their own: their bigrams count toward the query's size but match nothing.
   */
  private bigramKeys(text: string, assign: boolean): (number | string)[] {
    if (this.scratch.length < text.length) this.scratch = new Int32Array(text.length * 2);
    const numbers = this.scratch;
    let n = 0;
    let others: Set<string> | null = null;
    let unseen: Map<number, number> | null = null;
    let previous = NaN;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      let id = cp <= 0xffff ? this.bmpIds[cp]! : (this.astralIds.get(cp) ?? -1);
      if (id < 0) {
        if (assign) {
          id = this.nextCharId++;
          if (cp <= 0xffff) this.bmpIds[cp] = id;
          else this.astralIds.set(cp, id);
        } else {
          unseen ??= new Map();
          id = unseen.get(cp) ?? -1 - unseen.size;
          unseen.set(cp, id);
        }
      }
      if (!Number.isNaN(previous)) {
        // One small integer while both numbers allow (always, unless a memory holds over 32,768 distinct characters).
        if (previous >= 0 && previous < 0x8000 && id >= 0 && id < 0x10000) numbers[n++] = previous * 0x10000 + id;
        else (others ??= new Set()).add(`${previous},${id}`);
      }
      previous = id;
    }
    if (n === 0 && !others && !Number.isNaN(previous)) return [String(previous)];
    const sorted = numbers.subarray(0, n).sort();
    const keys: (number | string)[] = [];
    for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) keys.push(sorted[k]!);
    if (others) keys.push(...others);
    return keys;
  }

  /**
   * The first `top` units worth scoring, best first: Dice coefficient of shared bigrams (which
   * bounds how similar two texts can be) at least `lowest` percent, ties by the order added. The
   * query's bigrams are counted rarest first; very common ones (、的, 发展) say little, so once a
   * third of the query is counted, lists longer than a tenth of the memory are skipped.
   *
   * Only the counting is pruned, never the answer (the first `top` entries are those of a full
   * count, in the same order):
   * - a unit found in none of the shorter lists can share at most the R longest ones, so when R
   *   shared bigrams cannot reach the threshold for any unit (Dice ≤ 2R / (|q| + max(R, shortest
   *   unit))), those R lists add no candidates — they are looked up (binary search) only for
   *   units that the shorter lists made candidates and that could still reach it;
   * - the threshold is `lowest`, raised to the `top`-th best exact Dice of a few seeds (the units
   *   the shortest lists count most often, counted exactly from their own bigrams): at least `top`
   *   units reach that, so a unit that cannot is not among the first `top`. The higher the
   *   threshold, the more of the longest lists are only probed.
   */
  private rank(query: readonly (number | string)[], lowest: number, top = Infinity): { unit: number; dice: number }[] {
    const postings = this.postings;
    postings.settle();
    const lists: { slot: number; size: number }[] = [];
    for (const g of query) {
      const slot = this.slotOf.get(g);
      if (slot === undefined) continue;
      const size = postings.size(slot);
      if (size > 0) lists.push({ slot, size });
    }
    lists.sort((a, b) => a.size - b.size);
    const maxPostings = Math.max(2_000, this.units.length / 10);
    let counted = 0;
    let toRead = 0;
    while (counted < lists.length && !(lists[counted]!.size > maxPostings && counted > query.length / 3)) toRead += lists[counted++]!.size;
    const q = query.length;
    // R: the most lists that a unit seen only there can share and still miss the threshold, whatever its length.
    const restFor = (reaches: (dice: number) => boolean) => {
      let rest = 0;
      while (rest + 1 < counted && !reaches((2 * (rest + 1)) / (q + Math.max(rest + 1, this.minLength)))) rest++;
      return rest;
    };
    let rest = restFor((dice) => dice * 100 >= lowest);
    if (this.shared.length < this.units.length) this.shared = new Int32Array(Math.max(this.units.length, this.shared.length * 2));
    if (this.touchedScratch.length < this.shared.length) this.touchedScratch = new Int32Array(this.shared.length);
    const shared = this.shared;
    const touched = this.touchedScratch;
    let touchedCount = 0;
    let k = 0;
    // The shortest lists first, up to a quarter of what is to be read; then seeds from them may raise the threshold.
    for (let read = 0; k < counted - rest && (k === 0 || read + lists[k]!.size <= toRead / 4); k++) {
      read += lists[k]!.size;
      touchedCount = postings.countInto(lists[k]!.slot, shared, touched, touchedCount);
    }
    let floor = 0; // Dice below this (and below `lowest`) cannot be among the first `top`
    if (Number.isFinite(top) && k < counted - rest) {
      floor = this.seedFloor(lists, counted, k, q, lowest, top, touchedCount);
      if (floor > 0) rest = Math.max(rest, Math.min(counted - k, restFor((dice) => dice * 100 >= lowest && dice >= floor)));
    }
    for (; k < counted - rest; k++) touchedCount = postings.countInto(lists[k]!.slot, shared, touched, touchedCount);
    const reaches = (dice: number) => dice * 100 >= lowest && dice >= floor;
    const ranked: { unit: number; dice: number }[] = [];
    if (rest > 0) {
      // Keep (ascending, for the lookups) the units that could still reach the threshold with every remaining list.
      let alive = 0;
      for (let i = 0; i < touchedCount; i++) {
        const unit = touched[i]!;
        if (reaches((2 * (shared[unit]! + rest)) / (q + this.lengths[unit]!))) touched[alive++] = unit;
        else shared[unit] = 0;
      }
      touched.subarray(0, alive).sort();
      touchedCount = alive;
      for (let j = counted - rest; j < counted && alive > 0; j++) postings.countAlive(lists[j]!.slot, shared, touched, alive);
    }
    for (let i = 0; i < touchedCount; i++) {
      const unit = touched[i]!;
      const dice = (2 * shared[unit]!) / (q + this.lengths[unit]!);
      shared[unit] = 0;
      if (reaches(dice)) ranked.push({ unit, dice });
    }
    ranked.sort((a, b) => b.dice - a.dice || a.unit - b.unit);
    return ranked;
  }

  /**
   * The `top`-th best exact Dice (over the counted lists) among a few seeds: the touched units
   * that the first `k` lists counted most often. 0 when fewer than `top` seeds reach `lowest`.
   */
  private seedFloor(lists: readonly { slot: number }[], counted: number, k: number, q: number, lowest: number, top: number, touchedCount: number): number {
    const shared = this.shared;
    const touched = this.touchedScratch;
    const want = Math.max(2 * top, 64);
    if (touchedCount < top) return 0;
    // The smallest partial count that still gives `want` seeds (counts are at most k).
    const histogram = new Int32Array(k + 2);
    for (let i = 0; i < touchedCount; i++) histogram[shared[touched[i]!]!]!++;
    let cut = k;
    for (let have = histogram[k]!; cut > 1 && have < want; ) have += histogram[--cut]!;
    if (this.countedMark.length < this.slotOf.size) this.countedMark = new Uint8Array(Math.max(this.slotOf.size, this.countedMark.length * 2));
    const mark = this.countedMark;
    for (let j = 0; j < counted; j++) mark[lists[j]!.slot] = 1;
    const dices: number[] = [];
    for (let i = 0; i < touchedCount && dices.length < 4 * want; i++) {
      const unit = touched[i]!;
      if (shared[unit]! < cut) continue;
      let n = 0;
      for (let at = this.unitStart[unit]!, end = this.unitStart[unit + 1]!; at < end; at++) n += mark[this.unitSlots[at]!]!;
      const dice = (2 * n) / (q + this.lengths[unit]!);
      if (dice * 100 >= lowest) dices.push(dice);
    }
    for (let j = 0; j < counted; j++) mark[lists[j]!.slot] = 0;
    if (dices.length < top) return 0;
    dices.sort((a, b) => b - a);
    return dices[top - 1]!;
  }

  /** The first `top` units `search(source, { minScore, candidates: top })` scores, in its order (for tests of the pruning). */
  candidates(source: string, minScore: number, top: number): U[] {
    const query = this.bigramKeys(normaliseForMatch(source), false);
    if (!query.length) return [];
    return this.rank(query, minScore * 0.6, top)
      .slice(0, top)
      .map(({ unit }) => this.units[unit]!);
  }

  /**
   * The best matches at or above `minScore`: the `candidates` (30) units ranked first by shared
   * bigrams, scored like CAT tools score.
   */
  search(source: string, options: { limit?: number; minScore?: number; candidates?: number } = {}): FuzzyMatch<U>[] {
    const limit = options.limit ?? 3;
    const minScore = options.minScore ?? 60;
    const norm = normaliseForMatch(source);
    const query = this.bigramKeys(norm, false);
    if (!query.length) return [];
    // Dice ≥ the minimum score's share is necessary for a match worth showing (bigrams ≈ characters).
    const candidates = options.candidates ?? 30;
    const ranked = this.rank(query, minScore * 0.6, candidates);
    const scored: FuzzyMatch<U>[] = [];
    const length = charCount(norm);
    for (const { unit } of ranked.slice(0, candidates)) {
      const score = scoreAtLeast(norm, length, this.normalised[unit]!, minScore);
      if (score >= minScore) scored.push({ unit: this.units[unit]!, score });
    }
    scored.sort((a, b) => b.score - a.score || a.unit.source.length - b.unit.source.length);
    // The same source with the same translation from several documents shows once.
    const seen = new Set<string>();
    return scored.filter((m) => !seen.has(`${m.unit.source}\u0000${m.unit.target}`) && seen.add(`${m.unit.source}\u0000${m.unit.target}`)).slice(0, limit);
  }

  /**
   * For analysing many segments: from ONE count of shared bigrams, the match `search(source,
   * { minScore: upper })` puts first (same candidates, same order, same score), else the best
   * that `search(source, { minScore: lower })` would find. Same results as calling search twice,
   * without its allocations or the second count.
   */
  best(source: string, upper = 60, lower = 50): FuzzyMatch<U> | null {
    const norm = normaliseForMatch(source);
    const query = this.bigramKeys(norm, false);
    if (!query.length) return null;
    // pick() reads at most the first 30 entries: those with Dice from `upper`'s share lead the ranking.
    const ranked = this.rank(query, lower * 0.6, 30);
    const length = charCount(norm);
    const scores = new Map<number, number>();
    const pick = (minScore: number): FuzzyMatch<U> | null => {
      let best: FuzzyMatch<U> | null = null;
      let taken = 0;
      for (const { unit, dice } of ranked) {
        if (taken === 30) break;
        if (dice * 100 < minScore * 0.6) continue;
        taken++;
        let score = scores.get(unit);
        if (score === undefined) {
          score = scoreAtLeast(norm, length, this.normalised[unit]!, minScore);
          // -1 (cannot reach this pick's minimum) is no score: the lower pick may need the figure.
          if (score >= 0) scores.set(unit, score);
        }
        if (score < minScore) continue;
        const candidate = this.units[unit]!;
        if (!best || score > best.score || (score === best.score && candidate.source.length < best.unit.source.length)) best = { unit: candidate, score };
      }
      return best;
    };
    return pick(upper) ?? pick(lower);
  }
}

/** Code points in a string. */
function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/**
 * `similarityOfNormalised(a, b)` when it can reach `minScore`, else -1: texts whose lengths differ too much cannot score that high (the distance is at least the
 * difference in length), so their edit distance is not computed.
 */
function scoreAtLeast(a: string, aLength: number, b: string, minScore: number): number {
  if (a === b) return 100;
  const bLength = charCount(b);
  const longest = Math.max(aLength, bLength);
  if (longest && Math.floor((1 - Math.abs(aLength - bLength) / longest) * 100) < minScore) return -1;
  return similarityOfNormalised(a, b);
}

function grow(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
