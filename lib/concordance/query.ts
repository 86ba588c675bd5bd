/**
 * Concordance queries as typed by a user, made safe for the database, and the places a query
 * occurs in a text (for highlighting). Pure: runs in the browser and on the server.
 */

/** Longest query, in characters: a selection longer than this is not a concordance search. */
export const MAX_QUERY_CHARS = 200;
/** Shortest query the trigram index can answer; shorter ones are scanned in bounded windows. */
export const TRIGRAM_MIN_CHARS = 3;

export type Side = "source" | "target" | "both";
export const SIDES: readonly Side[] = ["source", "target", "both"];

/**
 * The query as searched: whitespace runs (a selection across a line break, a tab) become one
 * space, control characters go, ends are trimmed. Null when nothing is left.
 */
export function normalizeQuery(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "").replace(/\s+/gu, " ").trim();
  return text ? text : null;
}

/** Length in characters (code points), as the trigram index counts them. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * An FTS5 MATCH expression that finds `query` as a substring of one column (or of either): the
 * whole query is one double-quoted phrase (quotes inside doubled), so nothing a user types — AND,
 * OR, NEAR, *, ^, column names, parentheses — is read as FTS5 syntax.
 */
export function ftsMatch(query: string, side: Side): string {
  const phrase = `"${query.replace(/"/g, '""')}"`;
  return side === "both" ? phrase : `${side} : ${phrase}`;
}

/** A LIKE pattern (with `ESCAPE '\'`) that finds `query` anywhere: %, _ and \ match themselves. */
export function likeContains(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Lower case, one UTF-16 unit for one: a character whose lower case has another length (İ) stays
 * as it is, so offsets in the folded text are offsets in the original.
 */
function fold(text: string): string {
  let out = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

/** [start, end) UTF-16 offsets of every occurrence of `query` in `text`, case-insensitive, not overlapping. */
export function hitRanges(text: string, query: string): [number, number][] {
  const needle = fold(query);
  if (!needle) return [];
  const haystack = fold(text);
  const out: [number, number][] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) out.push([at, at + needle.length]);
  return out;
}

/** A text cut into plain and hit pieces, for rendering highlights. */
export function splitByHits(text: string, ranges: readonly [number, number][]): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}
