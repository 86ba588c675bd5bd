/**
 * The fuzzy index's postings (bigram slot → the units holding it, in ascending unit order), kept
 * in one Int32Array for all slots (compressed rows: `start`/`size` per slot), plus a small
 * overflow of plain arrays for units added a few at a time. An earlier layout gave every slot its
 * own growing Int32Array: 200,000 bigrams meant 400,000 typed arrays, and building a 100,000-unit
 * index spent seconds allocating and collecting them.
 */
/** Packed postings on SharedArrayBuffers, for worker threads (Postings.snapshot / restore). */
export interface PostingsSnapshot {
  data: Int32Array;
  start: Int32Array;
  packed: Int32Array;
}

export class Postings {
  private data: Int32Array = new Int32Array(0);
  private start: Int32Array = new Int32Array(0);
  private packed: Int32Array = new Int32Array(0);
  /** Units added since the last compaction, per slot (always above every unit in `data`). */
  private extra = new Map<number, number[]>();
  private extraTotal = 0;
  private slots = 0;

  /** Makes room for slots up to `count`. */
  ensureSlots(count: number): void {
    this.slots = Math.max(this.slots, count);
    if (count > this.pendingPerSlot.length) {
      const bigger = new Int32Array(Math.max(count, this.pendingPerSlot.length * 2));
      bigger.set(this.pendingPerSlot);
      this.pendingPerSlot = bigger;
    }
  }

  /** How many units hold the slot's bigram (after `settle`). */
  size(slot: number): number {
    return (slot < this.packed.length ? this.packed[slot]! : 0) + (this.extra.get(slot)?.length ?? 0);
  }

  /**
   * Entries added but not yet placed: the slots of units `pendingFirst`, `pendingFirst + 1`, …
   * one unit after another, unit `pendingFirst + i` ending at `pendingEnds[i]`; and per slot, how
   * many of them it has (counted as they come, so placing them is one pass, not two).
   */
  private pendingSlots: Int32Array<ArrayBuffer> = new Int32Array(0);
  private pendingEnds: Int32Array<ArrayBuffer> = new Int32Array(0);
  private pendingPerSlot: Int32Array<ArrayBuffer> = new Int32Array(0);
  private pending = 0;
  private pendingUnits = 0;
  private pendingFirst = 0;

  /**
   * Adds a batch: `slotsOf` lists each new unit's distinct slots one unit after another, unit
   * `firstUnit + i` ending at `ends[i]` (units come in order, each batch right after the last).
   * Nothing is placed until the next lookup (`settle`), so a memory read a page at a time is
   * packed once, not once per page.
   */
  addBatch(firstUnit: number, slotsOf: Int32Array, ends: Int32Array, units: number): void {
    if (!units) return;
    if (this.pendingUnits === 0) this.pendingFirst = firstUnit;
    else if (firstUnit !== this.pendingFirst + this.pendingUnits) throw new Error("Postings.addBatch: units must come in order");
    const entries = ends[units - 1]!;
    if (this.pending + entries > this.pendingSlots.length) this.pendingSlots = grown(this.pendingSlots, this.pending, this.pending + entries);
    if (this.pendingUnits + units > this.pendingEnds.length) this.pendingEnds = grown(this.pendingEnds, this.pendingUnits, this.pendingUnits + units);
    // Locals, not fields, in the loops (V8 reloads a field after each typed-array store).
    const base = this.pending;
    this.pendingSlots.set(slotsOf.subarray(0, entries), base);
    const pendingEnds = this.pendingEnds;
    for (let i = 0, at = this.pendingUnits; i < units; i++) pendingEnds[at + i] = base + ends[i]!;
    const perSlot = this.pendingPerSlot;
    for (let k = 0; k < entries; k++) perSlot[slotsOf[k]!]!++;
    this.pending = base + entries;
    this.pendingUnits += units;
  }

  /**
   * Places what was added since the last lookup: a few units (a save's approval, another
   * instance's import) go to the overflow; once the overflow would reach a quarter of the packed
   * entries, everything is packed again — so packing costs a logarithmic number of passes overall.
   */
  settle(pack = false): void {
    const pending = this.pending;
    if (!pending && !(pack && this.extraTotal)) return;
    const pendingSlots = this.pendingSlots;
    const pendingEnds = this.pendingEnds;
    const perSlot = this.pendingPerSlot;
    const units = this.pendingUnits;
    const first = this.pendingFirst;
    this.pending = 0;
    this.pendingUnits = 0;
    if (!pack && pending + this.extraTotal < Math.max(4096, this.data.length / 4)) {
      for (let i = 0, k = 0; i < units; i++) {
        for (const end = pendingEnds[i]!; k < end; k++) {
          const slot = pendingSlots[k]!;
          perSlot[slot] = 0;
          const list = this.extra.get(slot);
          if (list) list.push(first + i);
          else this.extra.set(slot, [first + i]);
        }
      }
      this.extraTotal += pending;
      return;
    }
    // Per slot: the packed units, then the overflow's, then the pending ones — all ascending.
    const slots = this.slots;
    const oldData = this.data;
    const oldStart = this.start;
    const oldPacked = this.packed;
    const extra = this.extraTotal > 0 ? this.extra : null;
    // On SharedArrayBuffers: a snapshot for worker threads shares them as they are.
    const start = sharedInt32(slots + 1);
    const packed = sharedInt32(slots);
    for (let slot = 0; slot < slots; slot++) {
      const size = (slot < oldPacked.length ? oldPacked[slot]! : 0) + (extra === null ? 0 : (extra.get(slot)?.length ?? 0)) + perSlot[slot]!;
      packed[slot] = size;
      start[slot + 1] = start[slot]! + size;
    }
    const data = sharedInt32(start[slots]!);
    // `perSlot` becomes each slot's next free place (and is zeroed for the next batch at the end).
    for (let slot = 0; slot < slots; slot++) {
      let at = start[slot]!;
      // A plain loop: a subarray per slot made 200,000 short-lived views per packing.
      if (slot < oldPacked.length) for (let i = oldStart[slot]!, end = i + oldPacked[slot]!; i < end; i++) data[at++] = oldData[i]!;
      const more = extra === null ? undefined : extra.get(slot);
      if (more) for (const unit of more) data[at++] = unit;
      perSlot[slot] = at;
    }
    for (let i = 0, k = 0; i < units; i++) {
      const unit = first + i;
      for (const end = pendingEnds[i]!; k < end; k++) data[perSlot[pendingSlots[k]!]!++] = unit;
    }
    perSlot.fill(0);
    // The batch's buffers go (12 MB after a 100,000-unit memory); what comes later is a few units at a time.
    this.pendingSlots = new Int32Array(0);
    this.pendingEnds = new Int32Array(0);
    this.data = data;
    this.start = start;
    this.packed = packed;
    this.extra = new Map();
    this.extraTotal = 0;
  }

  /**
   * Everything placed and packed, copied onto SharedArrayBuffers: worker threads read the same
   * postings without a copy of their own (structured cloning shares a SharedArrayBuffer).
   */
  snapshot(): PostingsSnapshot {
    this.settle(true);
    // Packing allocates on SharedArrayBuffers and never writes a packed array again: shared as they are.
    const onShared = (array: Int32Array) => {
      if (array.buffer instanceof SharedArrayBuffer) return array;
      const copy = sharedInt32(array.length);
      copy.set(array);
      return copy;
    };
    return { data: onShared(this.data), start: onShared(this.start), packed: onShared(this.packed) };
  }

  /** Takes a snapshot's postings as its own (read-only use: nothing is added after). */
  restore(snapshot: PostingsSnapshot): void {
    this.data = snapshot.data;
    this.start = snapshot.start;
    this.packed = snapshot.packed;
    this.slots = snapshot.packed.length;
    this.extra = new Map();
    this.extraTotal = 0;
    this.pending = 0;
    this.pendingUnits = 0;
  }

  /** Adds 1 to `counts[unit]` for every unit holding the slot; units counted for the first time go to `touched`. Returns the new touched count. */
  countInto(slot: number, counts: Int32Array, touched: Int32Array, touchedCount: number): number {
    const data = this.data;
    if (slot < this.packed.length) {
      const end = this.start[slot]! + this.packed[slot]!;
      for (let i = this.start[slot]!; i < end; i++) {
        const unit = data[i]!;
        if (counts[unit]!++ === 0) touched[touchedCount++] = unit;
      }
    }
    const more = this.extra.get(slot);
    if (more) {
      for (const unit of more) if (counts[unit]!++ === 0) touched[touchedCount++] = unit;
    }
    return touchedCount;
  }

  /** Adds 1 to `counts[unit]` for the units in `alive` (ascending, counts above 0) that hold the slot. */
  countAlive(slot: number, counts: Int32Array, alive: Int32Array, aliveCount: number): void {
    const size = this.size(slot);
    // Few candidates against a long list: look each one up (binary search); else one pass over the list.
    if (aliveCount * 16 < size) {
      const lo = slot < this.packed.length ? this.start[slot]! : 0;
      const hi = slot < this.packed.length ? lo + this.packed[slot]! : 0;
      const more = this.extra.get(slot);
      for (let i = 0; i < aliveCount; i++) {
        const unit = alive[i]!;
        if (search(this.data, lo, hi, unit) || (more !== undefined && searchArray(more, unit))) counts[unit]!++;
      }
      return;
    }
    const data = this.data;
    if (slot < this.packed.length) {
      const end = this.start[slot]! + this.packed[slot]!;
      for (let i = this.start[slot]!; i < end; i++) {
        const unit = data[i]!;
        if (counts[unit]! > 0) counts[unit]!++;
      }
    }
    const more = this.extra.get(slot);
    if (more) for (const unit of more) if (counts[unit]! > 0) counts[unit]!++;
  }
}

function search(data: Int32Array, lo: number, hi: number, unit: number): boolean {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = data[mid]!;
    if (value === unit) return true;
    if (value < unit) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

function searchArray(data: readonly number[], unit: number): boolean {
  let lo = 0;
  let hi = data.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = data[mid]!;
    if (value === unit) return true;
    if (value < unit) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** A bigger copy of `array`'s first `used` numbers, with room for at least `atLeast` (doubling, so appends cost amortised constant time). */
function grown(array: Int32Array, used: number, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2, 1024));
  bigger.set(array.subarray(0, used));
  return bigger;
}

/** An Int32Array on a SharedArrayBuffer (zeroed), so worker threads can read it without a copy. */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}
