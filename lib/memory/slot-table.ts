/**
 * The fuzzy index's bigram → slot table. A bigram is usually one integer below 2³¹ (first
 * character's number × 65,536 + second's), kept here in open addressing over two Int32Arrays; the
 * rare bigram that does not fit one (a memory of over 32,768 distinct characters) and a
 * one-character text's key are strings, kept in a Map. A Map of numbers did the same job at about
 * a third of the speed: keys from 2³⁰ up are heap numbers (allocated, hashed as doubles), and
 * building a 100,000-unit index looks up ~3 million of them.
 */
export class SlotTable {
  /** Integer keys (-1: empty) at even places, each one's slot after it: one cache line per probe. The capacity is a power of two. */
  private entries = emptyEntries(1 << 12);
  private numbers = 0;
  private readonly strings = new Map<string, number>();
  /** Slots handed out so far (slots are numbered 0, 1, 2, … in the order keys were added). */
  size = 0;

  /** The key's slot, or -1. */
  get(key: number | string): number {
    if (typeof key === "string") return this.strings.get(key) ?? -1;
    if (key < 0) return -1;
    const entries = this.entries;
    const mask = entries.length - 2;
    for (let at = (hash(key) << 1) & mask; ; at = (at + 2) & mask) {
      const k = entries[at]!;
      if (k === key) return entries[at + 1]!;
      if (k === -1) return -1;
    }
  }

  /** The integer key's slot (0 ≤ key < 2³¹), given the next free number when the key is new. */
  slotOfNumber(key: number): number {
    const entries = this.entries;
    const mask = entries.length - 2;
    let at = (hash(key) << 1) & mask;
    for (; ; at = (at + 2) & mask) {
      const k = entries[at]!;
      if (k === key) return entries[at + 1]!;
      if (k === -1) break;
    }
    const slot = this.size++;
    this.put(at, key, slot);
    return slot;
  }

  /** The string key's slot, given the next free number when the key is new. */
  slotOfString(key: string): number {
    let slot = this.strings.get(key);
    if (slot === undefined) this.strings.set(key, (slot = this.size++));
    return slot;
  }

  /** Puts a key at a known slot (restoring a snapshot); `size` becomes at least slot + 1. */
  set(key: number | string, slot: number): void {
    if (typeof key === "string") this.strings.set(key, slot);
    else {
      const entries = this.entries;
      const mask = entries.length - 2;
      let at = (hash(key) << 1) & mask;
      while (entries[at] !== -1 && entries[at] !== key) at = (at + 2) & mask;
      if (entries[at] === key) entries[at + 1] = slot;
      else this.put(at, key, slot);
    }
    if (slot >= this.size) this.size = slot + 1;
  }

  /** Fills an empty place; at most half the places are kept full, so probes stay short. */
  private put(at: number, key: number, slot: number): void {
    this.entries[at] = key;
    this.entries[at + 1] = slot;
    if (++this.numbers * 4 <= this.entries.length) return;
    const old = this.entries;
    const entries = emptyEntries(old.length * 2);
    const mask = entries.length - 2;
    for (let i = 0; i < old.length; i += 2) {
      const k = old[i]!;
      if (k === -1) continue;
      let to = (hash(k) << 1) & mask;
      while (entries[to] !== -1) to = (to + 2) & mask;
      entries[to] = k;
      entries[to + 1] = old[i + 1]!;
    }
    this.entries = entries;
  }
}

function emptyEntries(places: number): Int32Array {
  const entries = new Int32Array(places * 2);
  for (let i = 0; i < entries.length; i += 2) entries[i] = -1;
  return entries;
}

/** Fibonacci hashing (the key times 2³²/φ), its high bits folded into the low ones the table uses. */
function hash(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}
