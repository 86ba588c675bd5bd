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
  "addingSegments",
  "readingDocuments",
  "readingMemory",
  "matching",
] as const;
export type JobPhase = (typeof JOB_PHASES)[number];
