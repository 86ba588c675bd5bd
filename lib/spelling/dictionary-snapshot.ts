import type nspell from "nspell";

/**
 * A Hunspell dictionary as nspell has expanded it, saved so a later process can skip the
 * expansion. Building nspell from the .aff/.dic files applies every affix rule to every word
 * (124,000 entries for en-US, ~0.2–0.4 s of CPU); that is most of `duizhao qa`'s time on a small
 * file (issue 18: under 0.3 s). The snapshot is plain text — a JSON header line (the compound
 * rules, which the expansion also fills in), then the sorted words one per line, then each word's
 * flags on the line at the same offset — indexed by line offsets and searched by bisection, so loading
 * costs a file read and no per-word object. nspell reads its `data` only by key (checked against
 * nspell 2.1: correct, suggest, spell), which a Proxy answers from the sorted lines.
 */

type NSpell = ReturnType<typeof nspell>;
interface NSpellInternals {
  data: Record<string, string[]>;
  compoundRuleCodes: Record<string, string[]>;
  compoundRules: (RegExp | string)[];
}

const FORMAT = "duizhao-nspell-snapshot/1";

interface Header {
  format: string;
  count: number;
  compoundRuleCodes: Record<string, string[]>;
  compoundRules: string[];
}

/** The snapshot of a fully built checker (as text, to be written to a cache file). */
export function snapshotOf(checker: NSpell): string {
  const internals = checker as unknown as NSpellInternals;
  const words = Object.keys(internals.data).sort();
  const header: Header = {
    format: FORMAT,
    count: words.length,
    compoundRuleCodes: internals.compoundRuleCodes,
    compoundRules: internals.compoundRules.map((rule) => (rule instanceof RegExp ? rule.source : rule)),
  };
  if (words.some((word) => word.includes("\n"))) throw new Error("a dictionary word contains a line break");
  const flags = words.map((word) => (internals.data[word] ?? []).join(" "));
  return [JSON.stringify(header), ...words, ...flags].join("\n");
}

/**
 * Gives `bare` — nspell built from the .aff alone (no words; ~1 ms) — the words of a snapshot.
 * Null when the text is not a snapshot of this format (the caller builds from the files instead).
 */
export function restoreSnapshot(bare: NSpell, text: string): NSpell | null {
  const headerEnd = text.indexOf("\n");
  let header: Header;
  try {
    header = JSON.parse(headerEnd < 0 ? text : text.slice(0, headerEnd)) as Header;
  } catch {
    return null;
  }
  if (header.format !== FORMAT || !Number.isInteger(header.count) || header.count < 0) return null;
  const lines = lineStarts(text, headerEnd, 2 * header.count);
  if (!lines) return null;
  const internals = bare as unknown as NSpellInternals;
  internals.data = sortedLookup(text, lines, header.count);
  internals.compoundRuleCodes = header.compoundRuleCodes;
  internals.compoundRules = header.compoundRules.map((source) => new RegExp(source, "i"));
  return bare;
}

/**
 * Where each of the `count` lines after the header starts, plus where one more would (so line i
 * is text.slice(starts[i], starts[i + 1] - 1)); null unless there are exactly that many. Offsets,
 * not `split`: 250,000 strings cost ~40 ms of CPU and their garbage collection, and a lookup
 * slices only the ~17 lines its bisection visits.
 */
function lineStarts(text: string, headerEnd: number, count: number): Int32Array | null {
  if (count === 0) return headerEnd < 0 ? new Int32Array(1) : null;
  if (headerEnd < 0) return null;
  const starts = new Int32Array(count + 1);
  let at = headerEnd + 1;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    const end = text.indexOf("\n", at);
    if (end < 0) {
      if (i !== count - 1) return null;
      at = text.length + 1;
    } else {
      if (i === count - 1) return null;
      at = end + 1;
    }
  }
  starts[count] = at;
  return starts;
}

/** `data[word]` over the snapshot's lines (after the header): words at 0..count-1, their flags at count..2·count-1. */
function sortedLookup(text: string, starts: Int32Array, count: number): Record<string, string[]> {
  const line = (i: number) => text.slice(starts[i]!, starts[i + 1]! - 1);
  const decoded = new Map<string, string[] | undefined>();
  const added = new Map<string, string[]>();
  const removed = new Set<string>();
  const find = (word: string): string[] | undefined => {
    if (added.has(word)) return added.get(word);
    if (removed.has(word)) return undefined;
    if (decoded.has(word)) return decoded.get(word);
    let low = 0;
    let high = count - 1;
    let found: string[] | undefined;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = line(middle);
      if (at === word) {
        const flags = line(middle + count);
        found = flags ? flags.split(" ") : [];
        break;
      }
      if (at < word) low = middle + 1;
      else high = middle - 1;
    }
    decoded.set(word, found);
    return found;
  };
  return new Proxy(Object.create(null) as Record<string, string[]>, {
    get: (_, key) => (typeof key === "string" ? find(key) : undefined),
    has: (_, key) => typeof key === "string" && find(key) !== undefined,
    // nspell's add/remove/personal (not used by Duizhao, which keeps known words itself) still work.
    set: (_, key, value: string[]) => {
      if (typeof key !== "string") return false;
      added.set(key, value);
      removed.delete(key);
      return true;
    },
    deleteProperty: (_, key) => {
      if (typeof key !== "string") return false;
      added.delete(key);
      removed.add(key);
      return true;
    },
  });
}
