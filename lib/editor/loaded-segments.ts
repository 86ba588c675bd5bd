/**
 * What the editor knows about the segments it holds, kept up to date incrementally (issue 18):
 * the toolbar's status counts and text statistics (lib/repetitions countText: a repetition counted
 * once) and the id → index map. Each new segments array is compared with the last one by
 * reference — cheap even at 50,000 slots — and only the slots that changed are counted again: a
 * chunk's arrival costs its own rows, a save costs one row. Pure and browser-safe.
 */
import { repetitionKey, type TextCounts } from "@/lib/repetitions/repetition-key";
import { countEnglishWords, countHan } from "@/lib/repetitions/text-counts";
import { emptyStatusCounts, isSegmentStatus, type StatusCounts } from "@/lib/review/segment-status";

export interface CountedSegment {
  id: string;
  source: string;
  target: string;
  status: string;
}

export type { StatusCounts };

export interface SegmentStats {
  counts: StatusCounts;
  text: TextCounts;
}

/** A segment's own figures, counted once per segment object (rows are replaced, not changed, on a save). */
interface Figures {
  source: string;
  target: string;
  /** Its repetition key ("" for an empty source: never a repetition). */
  key: string;
  han: number;
  words: number;
}
const figuresBySegment = new WeakMap<CountedSegment, Figures>();

function figuresOf(s: CountedSegment): Figures {
  const known = figuresBySegment.get(s);
  if (known && known.source === s.source && known.target === s.target) return known;
  const figures = { source: s.source, target: s.target, key: repetitionKey(s.source), han: countHan(s.source), words: countEnglishWords(s.target) };
  figuresBySegment.set(s, figures);
  return figures;
}

/**
 * Counts these segments' figures ahead of their merge. The background loader calls it in a task
 * of its own for each arriving chunk, so that the chunk's merge and render — another task — only
 * looks them up: two tasks of half the length rather than one long one (issue 18).
 */
export function countAhead(segments: readonly CountedSegment[]): void {
  for (const s of segments) figuresOf(s);
}

const hanIn = (s: CountedSegment) => figuresOf(s).han;
const wordsIn = (s: CountedSegment) => figuresOf(s).words;

/** A repeated source: how many loaded slots hold it and the lowest one (whose text is the one counted). */
interface KeyEntry {
  count: number;
  first: number;
}

export class LoadedSegments<S extends CountedSegment = CountedSegment> {
  private items: readonly (S | undefined)[] = [];
  /** Each slot's repetition key, so a changed slot's old key is not computed again. */
  private slotKeys: (string | undefined)[] = [];
  private keys = new Map<string, KeyEntry>();
  private counts: StatusCounts = emptyStatusCounts();
  private han = 0;
  private words = 0;
  private repetitions = 0;
  private snapshot: SegmentStats | null = null;
  /** Segment id → its index in the array last given to update(). */
  readonly indexById = new Map<string, number>();

  /** Takes the editor's new segments array; returns how many slots were counted again. */
  update(next: readonly (S | undefined)[]): number {
    if (next === this.items) return 0;
    if (next.length !== this.items.length) return this.rebuild(next);
    const changed: number[] = [];
    for (let i = 0; i < next.length; i++) if (next[i] !== this.items[i]) changed.push(i);
    if (changed.length === 0) {
      this.items = next;
      return 0;
    }
    // Slots are taken in ascending order: a slot not yet reached still counts with its old segment.
    const current = (j: number, upTo: number) => (j <= upTo ? next[j] : this.items[j]);
    for (const i of changed) {
      const before = this.items[i];
      const after = next[i];
      const beforeKey = this.slotKeys[i];
      const afterFigures = after ? figuresOf(after) : undefined;
      if (before && afterFigures && beforeKey === afterFigures.key) {
        this.replaceInPlace(i, before, after!, beforeKey);
        continue;
      }
      if (before && !this.remove(i, before, beforeKey!)) return this.rebuild(next);
      if (after) this.add(i, after, afterFigures!, (j) => current(j, i - 1));
    }
    this.items = next;
    this.snapshot = null;
    return changed.length;
  }

  /** The toolbar's figures (the same object until something counted changes). */
  stats(): SegmentStats {
    this.snapshot ??= { counts: { ...this.counts }, text: { hanCharacters: this.han, englishWords: this.words, repetitions: this.repetitions } };
    return this.snapshot;
  }

  private rebuild(next: readonly (S | undefined)[]): number {
    this.items = [];
    this.slotKeys = new Array(next.length);
    this.keys.clear();
    this.indexById.clear();
    this.counts = emptyStatusCounts();
    this.han = this.words = this.repetitions = 0;
    let counted = 0;
    for (let i = 0; i < next.length; i++) {
      const s = next[i];
      if (!s) continue;
      counted++;
      this.add(i, s, figuresOf(s), (j) => next[j]);
    }
    this.items = next;
    this.snapshot = null;
    return counted;
  }

  /** Same slot, same source key: the status may change, and the words if this slot is the one counted. */
  private replaceInPlace(i: number, before: S, after: S, key: string) {
    if (before.status !== after.status) {
      if (isSegmentStatus(before.status)) this.counts[before.status]--;
      if (isSegmentStatus(after.status)) this.counts[after.status]++;
    }
    if (before.id !== after.id) {
      if (this.indexById.get(before.id) === i) this.indexById.delete(before.id);
      this.indexById.set(after.id, i);
    }
    const counted = !key || this.keys.get(key)?.first === i;
    if (counted && before.target !== after.target) this.words += wordsIn(after) - wordsIn(before);
    if (counted && before.source !== after.source) this.han += hanIn(after) - hanIn(before);
  }

  /** Takes a slot's segment out of the figures; false when the counted holder of a repeated source leaves (only a recount finds the next one). */
  private remove(i: number, s: S, key: string): boolean {
    if (isSegmentStatus(s.status)) this.counts[s.status]--;
    if (this.indexById.get(s.id) === i) this.indexById.delete(s.id);
    this.slotKeys[i] = undefined;
    if (!key) {
      this.han -= hanIn(s);
      this.words -= wordsIn(s);
      return true;
    }
    const entry = this.keys.get(key)!;
    entry.count--;
    if (entry.first !== i) {
      this.repetitions--;
      return true;
    }
    if (entry.count > 0) return false;
    this.keys.delete(key);
    this.han -= hanIn(s);
    this.words -= wordsIn(s);
    return true;
  }

  /** Puts a slot's segment (with its figures) into the counts; `at` reads the segment another slot counts with now. */
  private add(i: number, s: S, figures: Figures, at: (j: number) => S | undefined) {
    if (isSegmentStatus(s.status)) this.counts[s.status]++;
    this.indexById.set(s.id, i);
    const key = figures.key;
    this.slotKeys[i] = key;
    // An empty source has no key: never a repetition (as countText).
    if (!key) {
      this.han += figures.han;
      this.words += figures.words;
      return;
    }
    const entry = this.keys.get(key);
    if (!entry) {
      this.keys.set(key, { count: 1, first: i });
      this.han += figures.han;
      this.words += figures.words;
      return;
    }
    entry.count++;
    this.repetitions++;
    if (i > entry.first) return;
    // An earlier slot than the counted one (rows arriving out of order): it becomes the counted one.
    const previous = figuresOf(at(entry.first)!);
    this.han += figures.han - previous.han;
    this.words += figures.words - previous.words;
    entry.first = i;
  }
}
