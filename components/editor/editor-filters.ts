import type { compilePattern } from "@/lib/revisions/find-replace";
import { repetitionCounts, repetitionKey } from "@/lib/repetitions/repetition-key";
import type { EditorSegment } from "./editor-types";

export interface SegmentFilter {
  status: string;
  kind: string;
  query: string;
  scope: "source" | "target" | "both";
  regex: boolean;
  /** "any": segments with comments; "open-issues": with an unresolved issue. */
  comments: "" | "any" | "open-issues";
  /** Only segments with QA findings. */
  qa: boolean;
  /** Only repetitions: segments whose source (whitespace normalised) occurs more than once. */
  repetitions?: boolean;
}

export const NO_FILTER: SegmentFilter = { status: "", kind: "", query: "", scope: "both", regex: false, comments: "", qa: false, repetitions: false };

/**
 * The search box's pattern engine: the server's compiler (lib/revisions/find-replace.ts, on RE2JS),
 * "loading" until the editor has fetched it, "failed" when it could not. RE2JS is ~150 KB of
 * script that takes 20–40 ms to evaluate, so the editor loads it only once someone ticks Regex
 * (use-regex-engine.ts), not before the first rows are usable (issue 18).
 */
export type RegexEngine = typeof compilePattern | "loading" | "failed";

/** What searchMatcher gives as the error when the pattern engine could not be loaded: a code, which the toolbar words (filterProblemWording). */
export const REGEX_ENGINE_FAILED = "regex-engine-unavailable";

/** A search the filter cannot run yet: its pattern engine is still being fetched. */
export interface PendingSearch {
  pending: true;
}

/**
 * How the toolbar words a search pattern that cannot run, in the person's language: a pattern
 * only a backtracking engine runs (a back-reference, look-ahead/look-behind: RE2 refuses them),
 * a bad regular expression with the engine's own description of the mistake, or an engine that
 * could not be loaded.
 */
export function filterProblemWording(error: string): { unavailable: true } | { unavailable?: false; backtracking: true } | { unavailable?: false; backtracking: false; detail: string } {
  if (error === REGEX_ENGINE_FAILED) return { unavailable: true };
  if (/backtracking engine|back-reference|look-ahead|look-behind/i.test(error)) return { backtracking: true };
  return { backtracking: false, detail: error.replace(/^Not a valid regular expression:\s*/, "") };
}

/**
 * A matcher for the search box; for a pattern that cannot run, the engine's English description
 * (the toolbar words it: filterProblemWording); pending while a pattern waits for its engine.
 */
export function searchMatcher(filter: SegmentFilter, regexEngine: RegexEngine = "loading"): ((text: string) => boolean) | { error: string } | PendingSearch {
  if (!filter.query) return () => true;
  if (filter.regex) {
    if (regexEngine === "loading") return { pending: true };
    if (regexEngine === "failed") return { error: REGEX_ENGINE_FAILED };
    // The same linear-time engine as the server's find and replace, so a pattern behaves alike in both.
    const pattern = regexEngine(filter.query, { regex: true, matchCase: false });
    return "error" in pattern ? { error: pattern.error } : (text) => pattern.test(text);
  }
  const needle = filter.query.toLocaleLowerCase();
  return (text) => text.toLocaleLowerCase().includes(needle);
}

/** Whether the filter leaves any segment out (otherwise the list is every index). */
export function isFiltering(filter: SegmentFilter): boolean {
  return !!(filter.status || filter.kind || filter.query || filter.comments || filter.qa || filter.repetitions);
}

/** 0, 1, … n − 1: the list unfiltered (a plain loop: Array.from with a map function takes ~3× as long at 50,000, and it runs in hydration's task). */
export function everyIndex(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Indexes of the loaded segments that pass the filter (all indexes when nothing is filtered). */
export function filterIndexes(
  segments: readonly (EditorSegment | undefined)[],
  filter: SegmentFilter,
  hasFindings: (segment: EditorSegment) => boolean = () => false,
  regexEngine: RegexEngine = "loading",
): number[] | { error: string } | PendingSearch {
  const matcher = searchMatcher(filter, regexEngine);
  if (typeof matcher !== "function") return matcher;
  const active = isFiltering(filter);
  const repeated = filter.repetitions ? repetitionCounts(segments.map((s) => s?.source)) : null;
  const out: number[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (!active) {
      out.push(i);
      continue;
    }
    if (!s) continue;
    if (filter.status && s.status !== filter.status) continue;
    if (filter.kind && s.kind !== filter.kind) continue;
    if (filter.comments === "any" && s.comments === 0) continue;
    if (filter.comments === "open-issues" && s.openIssues === 0) continue;
    if (filter.qa && !hasFindings(s)) continue;
    if (repeated && !repeated.has(repetitionKey(s.source))) continue;
    if (filter.query) {
      const hit = (filter.scope !== "target" && matcher(s.source)) || (filter.scope !== "source" && matcher(s.target));
      if (!hit) continue;
    }
    out.push(i);
  }
  return out;
}

/** Chinese characters and English words for the progress bar, each repetition counted once (lib/repetitions). */
export { countText } from "@/lib/repetitions/repetition-key";
