import { diffArrays } from "diff";

/** A run of the result: tokens kept, removed (from `a`) or added (from `b`). */
export interface TokenChange {
  tokens: string[];
  added: boolean;
  removed: boolean;
}

/**
 * Gaps at most this many tokens long (both sides together) get an exact Myers diff. Larger gaps
 * are split further: Myers' cost grows with the square of the changes, and at 5,000 characters
 * a lower bound keeps the whole diff within a few milliseconds with no measurable loss (the
 * history bench compares the result with git's word diff).
 */
const EXACT_BELOW = 40;
/** Tokens more frequent than this in a stretch (spaces, "the", 的) are never anchors. */
const MAX_OCCURRENCES = 64;

/**
 * A word diff for texts too different for a capped Myers run (thousands of changed tokens, where
 * Myers costs O(N·D)): histogram diff, as git's `--histogram`. The longest run of tokens common
 * to both sides around the rarest shared token anchors the stretch; the two sides of the anchor
 * are diffed the same way, and gaps short enough get an exact Myers diff. Near-linear time, so
 * a heavily revised 5,000-character paragraph still gets a word diff, not "everything replaced";
 * a stretch with no shared token of reasonable rarity is replaced whole — by then it is.
 */
export function anchoredDiff(a: string[], b: string[]): TokenChange[] {
  const ids = new Map<string, number>();
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a, idOf);
  const y = Int32Array.from(b, idOf);
  const out: { kind: 0 | 1 | 2; from: number; to: number }[] = []; // 0 kept (a), 1 removed (a), 2 added (b)
  const emit = (kind: 0 | 1 | 2, from: number, to: number) => {
    if (from >= to) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind && last.to === from) last.to = to;
    else out.push({ kind, from, to });
  };

  function findAnchor(aLo: number, aHi: number, bLo: number, bHi: number) {
    const positions = new Map<number, number[]>();
    for (let i = aLo; i < aHi; i++) {
      const list = positions.get(x[i]!);
      if (list) list.push(i);
      else positions.set(x[i]!, [i]);
    }
    let best: { a: number; b: number; length: number; count: number } | null = null;
    for (let j = bLo; j < bHi; ) {
      const at = positions.get(y[j]!);
      let next = j + 1;
      if (at && at.length <= MAX_OCCURRENCES && (!best || at.length <= best.count)) {
        for (const i of at) {
          let s = i;
          let t = j;
          while (s > aLo && t > bLo && x[s - 1] === y[t - 1]) {
            s--;
            t--;
          }
          let e = i + 1;
          let f = j + 1;
          while (e < aHi && f < bHi && x[e] === y[f]) {
            e++;
            f++;
          }
          let count = Infinity;
          for (let k = s; k < e; k++) count = Math.min(count, positions.get(x[k]!)!.length);
          if (!best || count < best.count || (count === best.count && e - s > best.length)) best = { a: s, b: t, length: e - s, count };
          next = Math.max(next, f);
        }
      }
      j = next;
    }
    return best;
  }

  function stretch(aLo: number, aHi: number, bLo: number, bHi: number): void {
    // Common ends first: they are kept whatever else happens.
    const start = aLo;
    while (aLo < aHi && bLo < bHi && x[aLo] === y[bLo]) {
      aLo++;
      bLo++;
    }
    emit(0, start, aLo);
    let endA = aHi;
    let endB = bHi;
    while (endA > aLo && endB > bLo && x[endA - 1] === y[endB - 1]) {
      endA--;
      endB--;
    }
    middle(aLo, endA, bLo, endB);
    emit(0, endA, aHi);
  }

  function middle(aLo: number, aHi: number, bLo: number, bHi: number): void {
    if (aLo === aHi || bLo === bHi) {
      emit(1, aLo, aHi);
      emit(2, bLo, bHi);
      return;
    }
    if (aHi - aLo + (bHi - bLo) <= EXACT_BELOW) {
      let i = aLo;
      let j = bLo;
      for (const c of diffArrays(Array.from(x.subarray(aLo, aHi)), Array.from(y.subarray(bLo, bHi)))) {
        const n = c.count ?? c.value.length;
        if (c.added) emit(2, j, (j += n));
        else if (c.removed) emit(1, i, (i += n));
        else {
          emit(0, i, (i += n));
          j += n;
        }
      }
      return;
    }
    const anchor = findAnchor(aLo, aHi, bLo, bHi);
    if (!anchor) {
      emit(1, aLo, aHi);
      emit(2, bLo, bHi);
      return;
    }
    stretch(aLo, anchor.a, bLo, anchor.b);
    emit(0, anchor.a, anchor.a + anchor.length);
    stretch(anchor.a + anchor.length, aHi, anchor.b + anchor.length, bHi);
  }

  stretch(0, x.length, 0, y.length);
  return out.map(({ kind, from, to }) => ({ tokens: (kind === 2 ? b : a).slice(from, to), added: kind === 2, removed: kind === 1 }));
}
