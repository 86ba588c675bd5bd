import type nspell from "nspell";

/**
 * A Hunspell dictionary as nspell has expanded it, saved so a later process can skip the
 * expansion. Building nspell from the .aff/.dic files applies every affix rule to every word
 * (124,000 entries for en-US, ~0.2–0.4 s of CPU); that is most of `duizhao qa`'s time on a small
 * file (issue 18: under 0.3 s). The snapshot is plain text — a JSON header line (the compound
 * rules, which the expansion also fills in), then the sorted words one per line, then each word's
 * flags on the line at the same offset — read with one split and searched by bisection, so loading
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
  const lines = text.split("\n");
  let header: Header;
  try {
    header = JSON.parse(lines[0] ?? "") as Header;
  } catch {
    return null;
  }
  if (header.format !== FORMAT || lines.length !== 1 + 2 * header.count) return null;
  const count = header.count;
  const internals = bare as unknown as NSpellInternals;
  internals.data = sortedLookup(lines, count);
  internals.compoundRuleCodes = header.compoundRuleCodes;
  internals.compoundRules = header.compoundRules.map((source) => new RegExp(source, "i"));
  return bare;
}

/** `data[word]` over the snapshot's lines: words at 1..count, their flags at count+1..2·count. */
function sortedLookup(lines: string[], count: number): Record<string, string[]> {
  const decoded = new Map<string, string[] | undefined>();
  const added = new Map<string, string[]>();
  const removed = new Set<string>();
  const find = (word: string): string[] | undefined => {
    if (added.has(word)) return added.get(word);
    if (removed.has(word)) return undefined;
    if (decoded.has(word)) return decoded.get(word);
    let low = 1;
    let high = count;
    let found: string[] | undefined;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = lines[middle] ?? "";
      if (at === word) {
        const flags = lines[middle + count];
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
