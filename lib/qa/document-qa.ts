import { termFindings, type GlossaryEntry } from "@/lib/glossary/term-check";
import { normaliseForMatch } from "@/lib/memory/fuzzy-index";
import { checkSegment, finding, type Finding } from "./checks";
import { spellingFindings, type MisspeltWords } from "./spelling-check";

export interface QaUnit {
  id: string;
  source: string;
  target: string;
  status?: string;
  /** The segment kind (heading, paragraph, caption, byline): captions may start in lower case. */
  kind?: string;
  /**
   * The kind of the revision that wrote the target (edit, propagated, restore…). Carried so the
   * `inconsistent` check can leave out repetitions propagated from one confirmed translation.
   */
  revisionKind?: string;
}

/**
 * The `inconsistent` check over a set of segments (a document, a project, a file): the same
 * source translated differently, and the same translation given to different sources.
 * Repetitions whose text was propagated (revisionKind "propagated") get no finding of their own:
 * they are copies of one confirmed translation, and the finding belongs on the texts people wrote.
 * They still count as variants, so a translation changed after it was propagated is flagged
 * there, pointing at the copies to update.
 */
export function inconsistentFindings(units: QaUnit[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const propagated = new Set(units.filter((u) => u.revisionKind === "propagated").map((u) => u.id));
  const add = (id: string, f: Finding) => {
    if (!propagated.has(id)) out.set(id, [...(out.get(id) ?? []), f]);
  };
  const bySource = new Map<string, QaUnit[]>();
  const byTarget = new Map<string, QaUnit[]>();
  for (const u of units) {
    if (!u.target.trim()) continue;
    const s = normaliseForMatch(u.source);
    const t = u.target.trim().replace(/\s+/g, " ").toLowerCase();
    if (s) bySource.set(s, [...(bySource.get(s) ?? []), u]);
    byTarget.set(t, [...(byTarget.get(t) ?? []), u]);
  }
  for (const group of bySource.values()) {
    const variants = new Set(group.map((u) => u.target.trim()));
    if (variants.size < 2) continue;
    for (const u of group) {
      const others = [...variants].filter((v) => v !== u.target.trim());
      add(u.id, finding("inconsistent", "warning", "inconsistentTarget", { other: others[0]!, more: others.length - 1 }));
    }
  }
  for (const group of byTarget.values()) {
    const sources = new Set(group.map((u) => normaliseForMatch(u.source)));
    if (sources.size < 2) continue;
    for (const u of group) {
      add(u.id, finding("inconsistent", "warning", "inconsistentSource", { count: sources.size - 1 }));
    }
  }
  return out;
}

/**
 * The checks that need only the segment itself (and the glossary): what the editor runs on each
 * save. With `misspelt` (a loaded speller), the `spelling` check too.
 */
export function segmentFindings(unit: QaUnit, glossary: GlossaryEntry[], misspelt?: MisspeltWords): Finding[] {
  if (!unit.target.trim()) return checkSegment(unit);
  return [...checkSegment(unit), ...termFindings(unit.source, unit.target, glossary), ...(misspelt ? spellingFindings(misspelt(unit.target)) : [])];
}

/** Every check over a set of units, in their order: per segment, glossary terms, spelling (given a speller), consistency. */
export function runDocumentQa(units: QaUnit[], glossary: GlossaryEntry[] = [], options: { misspelt?: MisspeltWords } = {}): { id: string; findings: Finding[] }[] {
  const consistency = inconsistentFindings(units);
  return units.map((u) => ({ id: u.id, findings: [...segmentFindings(u, glossary, options.misspelt), ...(consistency.get(u.id) ?? [])] }));
}
