/**
 * The phases a long operation reports, as codes: the page names each one from the catalogs
 * (`common.job.phases.<code>`, lib/i18n/labels.ts), never by matching words.
 */
export const JOB_PHASES = [
  "starting",
  "checking",
  "approving",
  "applying",
  "takingBack",
  "searching",
  "replacing",
  "readingFile",
  "comparingMemory",
  "addingTerms",
  "addingUnits",
] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

/**
 * English phase names some callers still pass (lib/memory/memory-service.ts, not converted in
 * issue 15's pass): each maps to its code, so the page still shows it in the reader's language.
 * Remove an entry when its caller passes the code.
 */
const LEGACY_PHASE_NAMES = {
  "reading the file": "readingFile",
  "comparing with the memory": "comparingMemory",
  "adding units": "addingUnits",
} as const satisfies Record<string, JobPhase>;
export type LegacyPhaseName = keyof typeof LEGACY_PHASE_NAMES;

/** A phase's code, from its code or a legacy English name. */
export const phaseCode = (phase: JobPhase | LegacyPhaseName): JobPhase => (Object.hasOwn(LEGACY_PHASE_NAMES, phase) ? LEGACY_PHASE_NAMES[phase as LegacyPhaseName] : (phase as JobPhase));
