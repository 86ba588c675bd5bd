/**
 * Fuzzy matching for the translation memory, made for Chinese: no word spaces, so units are
 * compared by character bigrams. An inverted index (bigram → units) finds candidates without
 * scanning the memory; the best candidates are then scored like CAT tools do — one minus the
 * edit distance over the longer length, in characters — so "85%" means what translators expect.
 */

import { Postings, type PostingsSnapshot } from "./postings";
import { codePointsOf, normaliseForMatch, scoreAtLeast } from "./similarity";
import { SlotTable } from "./slot-table";
import { HASH_SEED, hashStep, TextTable, textHash } from "./text-table";

export { editDistance, normaliseForMatch, similarity, similarityOfNormalised } from "./similarity";

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

/**
 * What matching needs of an index, in structured-clonable form with its large arrays on
 * SharedArrayBuffers: a worker thread restores it (FuzzyIndex.fromSnapshot) and answers `bestOf`
 * exactly as the index it came from would (lib/memory/match-workers.ts).
 */
export interface IndexSnapshot {
  count: number;
  minLength: number;
  /** Per slot, its bigram when that is a number (≥ 0), else -1 (the slot is in `stringKeys`). */
  numericKeys: Int32Array;
  stringKeys: [string, number][];
  bmpIds: Int32Array;
  astralIds: [number, number][];
  lengths: Int32Array;
  sourceLengths: Int32Array;
  /** The units' normalised sources end to end, unit i ending at normalisedEnds[i]: one string clones in one copy, 100,000 do not. */
  normalisedText: string;
  normalisedEnds: Int32Array;
  postings: PostingsSnapshot;
}

/** A match by unit number (the order added): what a worker thread sends back. */
export interface IndexedMatch {
  unit: number;
  score: number;
}

export class FuzzyIndex<U extends MemoryUnit = MemoryUnit> {
  private readonly units: U[] = [];
  /** Units in the index (in a restored snapshot, `units` stays empty). */
  private count = 0;
  /** Each unit's source length in UTF-16 units (ties between equal scores go to the shorter source). */
  private sourceLengths: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Changes with every unit added: a snapshot is reused while it matches. */
  private version = 0;
  private snapshotCache: { version: number; snapshot: IndexSnapshot } | null = null;
  /** Bigram → its slot in `postings`. */
  private readonly slotOf = new SlotTable();
  /** Per slot, the last unit that held it (while numbering a unit's bigrams: each counts once). */
  private lastUnitOfSlot: Int32Array<ArrayBuffer> = new Int32Array(4096).fill(-1);
  /** Per slot, its bigram when a number, else -1 (and the slot is in `stringKeys`): the snapshot's copy of `slotOf`. */
  private keyOfSlot: Int32Array<ArrayBuffer> = new Int32Array(4096);
  private readonly stringKeys: [string, number][] = [];
  private readonly postings = new Postings();
  private readonly normalised: string[] = [];
  /** Normalised source → the units with exactly that source (identical matches, context checks). */
  private readonly bySource = new TextTable((unit) => this.normalised[unit]!);
  /** Distinct bigrams per unit. */
  private lengths: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** The fewest distinct bigrams of any unit: bounds how little a unit can share and still rank. */
  private minLength = Infinity;
  /** Id → unit: a unit already in the index is not added again (a catch-up re-reads its last second). */
  private readonly byId = new TextTable((unit) => this.units[unit]!.id);
  /** Each added unit's distinct bigrams, as slots, one unit after another (reused from batch to batch). */
  private batchSlots = new Int32Array(4096);
  private batchEnds = new Int32Array(1024);
  /** The textHash of the text `numberBigrams` last numbered (its loop reads every unit of it anyway). */
  private hashOfNumbered = HASH_SEED;
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

  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    return this.byId.first(id) >= 0;
  }

  add(unit: U): void {
    this.addAll([unit]);
  }

  /**
   * Adds units: each unit's distinct bigrams are numbered (and counted per bigram) here; the
   * postings place them at the next lookup (Postings.settle), so a memory read a page at a time is
   * packed once — the first lookup after reading 100,000 units pays that one pass over 3 million entries.
   */
  addAll(units: Iterable<U>): void {
    const first = this.count;
    let slots = this.batchSlots;
    let ends = this.batchEnds;
    let used = 0;
    let added = 0;
    for (const unit of units) {
      const index = this.count;
      if (!this.byId.add(index, unit.id, textHash(unit.id), true)) continue;
      this.count++;
      this.units.push(unit);
      const norm = normaliseForMatch(unit.source);
      this.normalised.push(norm);
      // A unit has at most as many distinct bigrams as UTF-16 units (one for a one-character text).
      if (used + norm.length + 1 > slots.length) slots = this.batchSlots = grow(slots, used + norm.length + 1);
      const distinct = this.numberBigrams(norm, index, slots, used);
      this.bySource.add(index, norm, this.hashOfNumbered);
      used += distinct;
      if (index >= this.lengths.length) this.lengths = grow(this.lengths, index + 1);
      if (index >= this.sourceLengths.length) this.sourceLengths = grow(this.sourceLengths, index + 1);
      this.lengths[index] = distinct;
      this.sourceLengths[index] = unit.source.length;
      if (distinct < this.minLength) this.minLength = distinct;
      if (added === ends.length) ends = this.batchEnds = grow(ends, added + 1);
      ends[added++] = used;
    }
    this.postings.ensureSlots(this.slotOf.size);
    this.postings.addBatch(first, slots, ends, added);
    if (added) this.version++;
  }

  /**
   * Writes the slots of a unit's distinct bigrams into `out` from `at` (giving new characters and
   * bigrams their numbers) and answers how many. The same bigrams as `bigramKeys` finds for a
   * query, without its sort or its array: each slot remembers the last unit that held it, so a
   * repeat is seen in one comparison (the order within a unit does not matter to the postings).
   * The text's textHash is left in `hashOfNumbered`.
   */
  private numberBigrams(text: string, unit: number, out: Int32Array, at: number): number {
    const start = at;
    const table = this.slotOf;
    let previous = -1;
    let h = HASH_SEED;
    for (let i = 0, n = text.length; i < n; ) {
      // Code points as codePointAt reads them (a lone surrogate is one), hashed unit by unit as textHash does.
      let cp = text.charCodeAt(i++);
      h = hashStep(h, cp);
      if (cp >= 0xd800 && cp <= 0xdbff && i < n) {
        const low = text.charCodeAt(i);
        if (low >= 0xdc00 && low <= 0xdfff) {
          i++;
          h = hashStep(h, low);
          cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        }
      }
      let id = cp <= 0xffff ? this.bmpIds[cp]! : (this.astralIds.get(cp) ?? -1);
      if (id < 0) {
        id = this.nextCharId++;
        if (cp <= 0xffff) this.bmpIds[cp] = id;
        else this.astralIds.set(cp, id);
      }
      if (previous >= 0) {
        const known = table.size;
        let slot: number;
        // One small integer while both numbers allow (always, unless a memory holds over 32,768 distinct characters).
        if (previous < 0x8000 && id < 0x10000) {
          const key = previous * 0x10000 + id;
          if ((slot = table.slotOfNumber(key)) === known) this.newSlot(slot, key);
        } else {
          const key = `${previous},${id}`;
          if ((slot = table.slotOfString(key)) === known) this.newSlot(slot, key);
        }
        if (this.noteSlot(slot, unit)) out[at++] = slot;
      }
      previous = id;
    }
    // A one-character text's key is the character itself.
    if (at === start && previous >= 0) {
      const known = table.size;
      const key = String(previous);
      const slot = table.slotOfString(key);
      if (slot === known) this.newSlot(slot, key);
      if (this.noteSlot(slot, unit)) out[at++] = slot;
    }
    this.hashOfNumbered = h;
    return at - start;
  }

  /** A slot just numbered: its key goes into the snapshot's copy of the table. */
  private newSlot(slot: number, key: number | string): void {
    if (slot >= this.keyOfSlot.length) this.keyOfSlot = grow(this.keyOfSlot, slot + 1);
    if (typeof key === "number") this.keyOfSlot[slot] = key;
    else ((this.keyOfSlot[slot] = -1), this.stringKeys.push([key, slot]));
    if (slot >= this.lastUnitOfSlot.length) {
      const bigger = new Int32Array(Math.max(slot + 1, this.lastUnitOfSlot.length * 2)).fill(-1);
      bigger.set(this.lastUnitOfSlot);
      this.lastUnitOfSlot = bigger;
    }
  }

  /** Records that `unit` holds the slot; false when it was already recorded for this unit. */
  private noteSlot(slot: number, unit: number): boolean {
    if (this.lastUnitOfSlot[slot] === unit) return false;
    this.lastUnitOfSlot[slot] = unit;
    return true;
  }

  /** The index's matching state for worker threads (kept until a unit is added). */
  snapshot(): IndexSnapshot {
    if (this.snapshotCache?.version === this.version) return this.snapshotCache.snapshot;
    const copy = (array: Int32Array, length: number) => {
      const out = shared(length);
      out.set(array.subarray(0, length));
      return out;
    };
    const snapshot: IndexSnapshot = {
      count: this.count,
      minLength: this.minLength,
      numericKeys: copy(this.keyOfSlot, this.slotOf.size),
      stringKeys: [...this.stringKeys],
      bmpIds: copy(this.bmpIds, this.bmpIds.length),
      astralIds: [...this.astralIds],
      lengths: copy(this.lengths, this.count),
      sourceLengths: copy(this.sourceLengths, this.count),
      normalisedText: this.normalised.join(""),
      normalisedEnds: ends(this.normalised),
      postings: this.postings.snapshot(),
    };
    this.snapshotCache = { version: this.version, snapshot };
    return snapshot;
  }

  /** An index that answers `bestOf` as the snapshot's did (no units: matches are unit numbers). */
  static fromSnapshot(snapshot: IndexSnapshot): FuzzyIndex {
    const index = new FuzzyIndex();
    index.count = snapshot.count;
    index.minLength = snapshot.minLength;
    const keys = snapshot.numericKeys;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot]! >= 0) index.slotOf.set(keys[slot]!, slot);
    for (const [key, slot] of snapshot.stringKeys) index.slotOf.set(key, slot);
    index.bmpIds.set(snapshot.bmpIds);
    for (const [cp, id] of snapshot.astralIds) index.astralIds.set(cp, id);
    index.lengths = new Int32Array(snapshot.lengths);
    index.sourceLengths = new Int32Array(snapshot.sourceLengths);
    for (let i = 0, at = 0; i < snapshot.count; i++) index.normalised.push(snapshot.normalisedText.slice(at, (at = snapshot.normalisedEnds[i]!)));
    index.postings.restore(snapshot.postings);
    return index;
  }

  /** Every unit whose source is identical to this one after normalisation (a 100% match), in the order added. */
  sameSource(source: string): U[] {
    return this.bySource.all(normaliseForMatch(source)).map((i) => this.units[i]!);
  }

  /**
   * A query's distinct bigrams, ascending (of a one-character text, the character itself; units
   * are numbered by `numberBigrams`). Characters the memory has never seen get negative numbers of
   * their own: their bigrams count toward the query's size but match nothing.
   */
  private bigramKeys(text: string): (number | string)[] {
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
        unseen ??= new Map();
        id = unseen.get(cp) ?? -1 - unseen.size;
        unseen.set(cp, id);
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
   * The units worth scoring, best first: Dice coefficient of shared bigrams (which bounds how
   * similar two texts can be) at least `lowest` percent, ties by the order added. The query's
   * bigrams are counted rarest first; very common ones (、的, 发展) say little, so once a third of
   * the query is counted, lists longer than a tenth of the memory are skipped.
   *
   * Only the counting is pruned, never the answer: a unit found in none of the shorter lists can
   * share at most the R longest ones, so when R shared bigrams cannot reach `lowest` for the
   * shortest unit, those R lists add no candidates — they are looked up (binary search) only for
   * units that the shorter lists made candidates and that could still reach `lowest`.
   */
  private rank(query: readonly (number | string)[], lowest: number): { unit: number; dice: number }[] {
    const postings = this.postings;
    postings.settle();
    const lists: { slot: number; size: number }[] = [];
    for (const g of query) {
      const slot = this.slotOf.get(g);
      if (slot < 0) continue;
      const size = postings.size(slot);
      if (size > 0) lists.push({ slot, size });
    }
    lists.sort((a, b) => a.size - b.size);
    const maxPostings = Math.max(2_000, this.count / 10);
    let counted = 0;
    while (counted < lists.length && !(lists[counted]!.size > maxPostings && counted > query.length / 3)) counted++;
    const q = query.length;
    // R: the most lists that a unit seen only there can share and still miss `lowest`, whatever its length.
    let rest = 0;
    while (rest + 1 < counted && ((2 * (rest + 1)) / (q + this.minLength)) * 100 < lowest) rest++;
    if (this.shared.length < this.count) this.shared = new Int32Array(Math.max(this.count, this.shared.length * 2));
    if (this.touchedScratch.length < this.shared.length) this.touchedScratch = new Int32Array(this.shared.length);
    const shared = this.shared;
    const touched = this.touchedScratch;
    let touchedCount = 0;
    for (let k = 0; k < counted - rest; k++) touchedCount = postings.countInto(lists[k]!.slot, shared, touched, touchedCount);
    const ranked: { unit: number; dice: number }[] = [];
    if (rest > 0) {
      // Keep (ascending, for the lookups) the units that could still reach `lowest` with every remaining list.
      let alive = 0;
      for (let i = 0; i < touchedCount; i++) {
        const unit = touched[i]!;
        if (((2 * (shared[unit]! + rest)) / (q + this.lengths[unit]!)) * 100 >= lowest) touched[alive++] = unit;
        else shared[unit] = 0;
      }
      touched.subarray(0, alive).sort();
      touchedCount = alive;
      for (let k = counted - rest; k < counted && alive > 0; k++) postings.countAlive(lists[k]!.slot, shared, touched, alive);
    }
    for (let i = 0; i < touchedCount; i++) {
      const unit = touched[i]!;
      const dice = (2 * shared[unit]!) / (q + this.lengths[unit]!);
      shared[unit] = 0;
      if (dice * 100 >= lowest) ranked.push({ unit, dice });
    }
    ranked.sort((a, b) => b.dice - a.dice || a.unit - b.unit);
    return ranked;
  }

  /** The first `top` units `search(source, { minScore, candidates: top })` scores, in its order (tests hold the pruned count to a full one with it). */
  candidates(source: string, minScore: number, top: number): U[] {
    const query = this.bigramKeys(normaliseForMatch(source));
    if (!query.length) return [];
    return this.rank(query, minScore * 0.6)
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
    const query = this.bigramKeys(norm);
    if (!query.length) return [];
    // Dice ≥ the minimum score's share is necessary for a match worth showing (bigrams ≈ characters).
    const candidates = options.candidates ?? 30;
    const ranked = this.rank(query, minScore * 0.6);
    const scored: FuzzyMatch<U>[] = [];
    const points = codePointsOf(norm);
    for (const { unit } of ranked.slice(0, candidates)) {
      const score = scoreAtLeast(norm, points, this.normalised[unit]!, minScore);
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
    const found = this.bestOf(source, upper, lower);
    return found && { unit: this.units[found.unit]!, score: found.score };
  }

  /** `best`, with the unit as its number (the order added): what a restored snapshot answers. */
  bestOf(source: string, upper = 60, lower = 50): IndexedMatch | null {
    const norm = normaliseForMatch(source);
    const query = this.bigramKeys(norm);
    if (!query.length) return null;
    const ranked = this.rank(query, lower * 0.6);
    const points = codePointsOf(norm);
    const scores = new Map<number, number>();
    const sourceLengths = this.sourceLengths;
    const pick = (minScore: number): IndexedMatch | null => {
      let best: IndexedMatch | null = null;
      let taken = 0;
      for (const { unit, dice } of ranked) {
        if (taken === 30) break;
        if (dice * 100 < minScore * 0.6) continue;
        taken++;
        let score = scores.get(unit);
        if (score === undefined) {
          // Only a score that can still win (or tie, for the shorter source) is worth finishing.
          score = scoreAtLeast(norm, points, this.normalised[unit]!, best ? best.score : minScore);
          // -1 (cannot reach that) is no score: the lower pick may need the figure.
          if (score >= 0) scores.set(unit, score);
        }
        if (score < minScore) continue;
        if (!best || score > best.score || (score === best.score && sourceLengths[unit]! < sourceLengths[best.unit]!)) best = { unit, score };
      }
      return best;
    };
    return pick(upper) ?? pick(lower);
  }

  /** The unit of a number `bestOf` gave (from this index or a snapshot of it). */
  unitAt(unit: number): U {
    return this.units[unit]!;
  }
}

function grow(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** An Int32Array on a SharedArrayBuffer: worker threads read it without a copy. */
function shared(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

/** Where each text ends in the texts joined end to end. */
function ends(texts: readonly string[]): Int32Array {
  const out = shared(texts.length);
  let at = 0;
  for (let i = 0; i < texts.length; i++) out[i] = at += texts[i]!.length;
  return out;
}
