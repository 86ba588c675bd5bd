import type { AnalysisReport } from "./analysis-service";

/**
 * The analyses people ran recently, kept in this instance's memory so that downloading one gives
 * the figures on screen without matching again. Keyed by the job id the page chose. A download
 * that finds nothing (another instance, a restart, older than KEEP_MS) analyses again.
 */
interface Kept {
  ownerId: string;
  report: AnalysisReport;
  keptAt: number;
}
const KEEP_MS = 30 * 60_000;
const MAX_KEPT = 200;
// On globalThis: the route that runs an analysis and the one that downloads it are bundled separately.
const shared = globalThis as unknown as { duizhaoAnalyses?: Map<string, Kept> };
const kept = (shared.duizhaoAnalyses ??= new Map<string, Kept>());

export function keepAnalysis(id: string, ownerId: string, report: AnalysisReport): void {
  const now = Date.now();
  for (const [key, entry] of kept) if (now - entry.keptAt > KEEP_MS) kept.delete(key);
  while (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(id, { ownerId, report, keptAt: now });
}

/** A kept analysis of this project, only for the person who ran it. */
export function keptAnalysis(id: string, ownerId: string, projectId: string): AnalysisReport | null {
  const entry = kept.get(id);
  if (!entry || entry.ownerId !== ownerId || entry.report.projectId !== projectId || Date.now() - entry.keptAt > KEEP_MS) return null;
  return entry.report;
}
