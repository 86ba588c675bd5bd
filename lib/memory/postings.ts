/**
 * The fuzzy index's postings (bigram slot → the units holding it, in ascending unit order), kept
 * in one Int32Array for all slots (compressed rows: `start`/`size` per slot), plus a small
 * overflow of plain arrays for units added a few at a time. An earlier layout gave every slot its
 * own growing Int32Array: 200,000 bigrams meant 400,000 typed arrays, and building a 100,000-unit
 * index spent seconds allocating and collecting them.
 */
export class Postings {
  private data = new Int32Array(0);
  private start = new Int32Array(0);
  private packed = new Int32Array(0);
  /** Units added since the last compaction, per slot (always above every unit in `data`). */
  private extra: (number[] | undefined)[] = [];
  private extraTotal = 0;
  private slots = 0;

  /** Makes room for slots up to `count`. */
  ensureSlots(count: number): void {
    this.slots = Math.max(this.slots, count);
  }

  /** How many units hold the slot's bigram. */
  size(slot: number): number {
    return (slot < this.packed.length ? this.packed[slot]! : 0) + (this.extra[slot]?.length ?? 0);
  }

  /**
   * Adds a batch: `slotsOf` lists each new unit's distinct slots one unit after another, unit
   * `firstUnit + i` ending at `ends[i]`; `counts[slot]` is how often each slot occurs in the batch.
   * A large batch (against what is stored) rebuilds the packed arrays; a small one goes to the overflow.
   */
  addBatch(firstUnit: number, slotsOf: Int32Array, ends: readonly number[], counts: Int32Array): void {
    const entries = ends.length ? ends[ends.length - 1]! : 0;
    if (!entries) return;
    if (entries + this.extraTotal < Math.max(4096, this.data.length / 8)) {
      let k = 0;
      for (let i = 0; i < ends.length; i++) {
        for (; k < ends[i]!; k++) {
          const slot = slotsOf[k]!;
          (this.extra[slot] ??= []).push(firstUnit + i);
        }
      }
      this.extraTotal += entries;
      return;
    }
    // Compaction: per slot, the packed units, then the overflow's, then the batch's — all ascending.
    const slots = this.slots;
    const start = new Int32Array(slots + 1);
    const packed = new Int32Array(slots);
    for (let slot = 0; slot < slots; slot++) {
      const size = this.size(slot) + (slot < counts.length ? counts[slot]! : 0);
      packed[slot] = size;
      start[slot + 1] = start[slot]! + size;
    }
    const data = new Int32Array(start[slots]!);
    const fill = new Int32Array(slots);
    for (let slot = 0; slot < slots; slot++) {
      let at = start[slot]!;
      if (slot < this.packed.length) {
        const from = this.start[slot]!;
        data.set(this.data.subarray(from, from + this.packed[slot]!), at);
        at += this.packed[slot]!;
      }
      const more = this.extra[slot];
      if (more) for (const unit of more) data[at++] = unit;
      fill[slot] = at;
    }
    let k = 0;
    for (let i = 0; i < ends.length; i++) for (; k < ends[i]!; k++) data[fill[slotsOf[k]!]!++] = firstUnit + i;
    this.data = data;
    this.start = start;
    this.packed = packed;
    this.extra = [];
    this.extraTotal = 0;
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
    const more = this.extra[slot];
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
      const more = this.extra[slot];
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
    const more = this.extra[slot];
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
