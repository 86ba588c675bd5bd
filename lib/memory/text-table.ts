/**
 * Units by a text of theirs (an id, a normalised source), for the fuzzy index: which unit has
 * this id, which units have exactly this source. A Map or Set keyed by 100,000 fresh strings
 * from the database took a quarter of the time to build a 100,000-unit index (each key hashed by
 * V8, each growth rehashing a table the garbage collector then scans); here the table is two
 * Int32Arrays, the hash is computed once per text (`textHash`), and only texts with equal hashes
 * are compared. The texts stay where they are: `textOf(unit)` gives a unit's text.
 */
export class TextTable {
  /** Per place: the first unit with a text of this hash (-1: empty), and the hash. The capacity is a power of two. */
  private places = emptyPlaces(1 << 10);
  private used = 0;
  /** Per unit: the next unit with the same text, in the order added (-1: the last). */
  private next: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Per first unit of a text: the last unit with it (for appending in order). */
  private last: Int32Array<ArrayBuffer> = new Int32Array(1024);

  constructor(private readonly textOf: (unit: number) => string) {}

  /** The first unit (in the order added) whose text is `text`, or -1. */
  first(text: string, hash = textHash(text)): number {
    const places = this.places;
    const mask = places.length - 2;
    for (let at = (spread(hash) << 1) & mask; ; at = (at + 2) & mask) {
      const unit = places[at]!;
      if (unit === -1) return -1;
      if (places[at + 1] === hash && this.textOf(unit) === text) return unit;
    }
  }

  /** The unit after `unit` with the same text, or -1. */
  nextOf(unit: number): number {
    return unit < this.next.length ? this.next[unit]! : -1;
  }

  /** Every unit whose text is `text`, in the order added. */
  all(text: string): number[] {
    const out: number[] = [];
    for (let unit = this.first(text); unit >= 0; unit = this.nextOf(unit)) out.push(unit);
    return out;
  }

  /**
   * Records `unit` (numbered above every unit added before) under its text; answers whether the
   * text was new. `unique`: a unit whose text is already there is not recorded (ids).
   */
  add(unit: number, text: string, hash = textHash(text), unique = false): boolean {
    if (unit >= this.next.length) ((this.next = grow(this.next, unit + 1)), (this.last = grow(this.last, unit + 1)));
    this.next[unit] = -1;
    const places = this.places;
    const mask = places.length - 2;
    let at = (spread(hash) << 1) & mask;
    for (; ; at = (at + 2) & mask) {
      const first = places[at]!;
      if (first === -1) break;
      if (places[at + 1] === hash && this.textOf(first) === text) {
        if (unique) return false;
        this.next[this.last[first]!] = unit;
        this.last[first] = unit;
        return false;
      }
    }
    places[at] = unit;
    places[at + 1] = hash;
    this.last[unit] = unit;
    // At most half the places full: probes stay short.
    if (++this.used * 2 > places.length / 2) this.rehash();
    return true;
  }

  private rehash(): void {
    const old = this.places;
    const places = emptyPlaces(old.length); // twice the places (each takes two numbers)
    const mask = places.length - 2;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === -1) continue;
      let at = (spread(old[i + 1]!) << 1) & mask;
      while (places[at] !== -1) at = (at + 2) & mask;
      places[at] = old[i]!;
      places[at + 1] = old[i + 1]!;
    }
    this.places = places;
  }
}

/** A 32-bit hash of a text's UTF-16 units (FNV-1a): `hashStep` over them from `HASH_SEED`. */
export function textHash(text: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < text.length; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

export const HASH_SEED = 0x811c9dc5 | 0;

/** `textHash` one UTF-16 unit further (for loops that read a text's units anyway, as the index's bigram numbering). */
export function hashStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}

/** Mixes the high bits into the low ones the table uses (Fibonacci hashing). */
function spread(hash: number): number {
  const h = Math.imul(hash, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

function emptyPlaces(places: number): Int32Array<ArrayBuffer> {
  return new Int32Array(places * 2).fill(-1);
}

function grow(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
