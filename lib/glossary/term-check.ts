import { finding, type Finding } from "@/lib/qa/checks";

/** A glossary entry as the checks and the editor use it. */
export interface GlossaryEntry {
  id: string;
  /** Chinese term; empty for a forbidden English word that applies everywhere. */
  source: string;
  /** The approved English (or, when forbidden, the English that must not be used). */
  target: string;
  forbidden: boolean;
  note: string;
}

export interface TermOccurrence {
  entry: GlossaryEntry;
  start: number;
  end: number;
}

/**
 * Where glossary source terms occur in a Chinese text: longest terms first, occurrences never
 * overlapping (高新技术产业开发区 is one term, not also 开发区).
 */
export function findTerms(source: string, entries: GlossaryEntry[]): TermOccurrence[] {
  const terms = entries.filter((e) => e.source.trim() && !e.forbidden).sort((a, b) => b.source.length - a.source.length);
  const taken = new Uint8Array(source.length);
  const found: TermOccurrence[] = [];
  for (const entry of terms) {
    let at = source.indexOf(entry.source);
    while (at >= 0) {
      const end = at + entry.source.length;
      if (!taken.subarray(at, end).some(Boolean)) {
        taken.fill(1, at, end);
        found.push({ entry, start: at, end });
      }
      at = source.indexOf(entry.source, at + 1);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Whether an English term appears in a text: case-insensitive, as whole words where it starts or
 * ends with a letter, and in the plural too ("day care center" matches "day care centers").
 */
export function containsTerm(text: string, term: string): boolean {
  return termPattern(term)?.test(text) ?? false;
}

/** The pattern containsTerm matches with (flags "giu"), for callers that test many texts; null for an empty term. */
export function termPattern(term: string, flags = "iu"): RegExp | null {
  const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  if (!escaped) return null;
  const before = /^[\p{L}\p{N}]/u.test(term.trim()) ? "(?<![\\p{L}\\p{N}])" : "";
  const after = /[\p{L}]$/u.test(term.trim()) ? "(?:s|es)?(?![\\p{L}\\p{N}])" : /[\p{N}]$/u.test(term.trim()) ? "(?![\\p{L}\\p{N}])" : "";
  return new RegExp(`${before}${escaped}${after}`, flags);
}

/**
 * The `term` check: each glossary term in the source must be translated with its approved
 * English (alternatives separated by "|" or ";" in the entry are all accepted), and no forbidden
 * English may appear — where its Chinese term occurs, or anywhere when it has none.
 */
export function termFindings(source: string, target: string, entries: GlossaryEntry[]): Finding[] {
  if (!target.trim()) return [];
  const findings: Finding[] = [];
  const missing = new Set<string>();
  for (const { entry } of findTerms(source, entries)) {
    const options = entry.target.split(/[|;]/).map((t) => t.trim()).filter(Boolean);
    if (!options.some((o) => containsTerm(target, o)) && !missing.has(entry.source)) {
      missing.add(entry.source);
      findings.push(finding("term", "error", "termMissing", { source: entry.source, options: options.join("” or “") }));
    }
  }
  for (const entry of entries.filter((e) => e.forbidden)) {
    const applies = !entry.source.trim() || source.includes(entry.source);
    if (applies && containsTerm(target, entry.target)) {
      findings.push(
        finding("term", "error", "termForbidden", { term: entry.target, hasSource: entry.source.trim() ? "yes" : "no", source: entry.source, hasNote: entry.note ? "yes" : "no", note: entry.note }),
      );
    }
  }
  return findings;
}
