/**
 * The kinds of change a version comparison reports. Kept apart from version-compare.ts, which
 * slices its work with Node's timers: the interface's label tables import these names, and a
 * browser bundle must not reach a Node built-in through them.
 */
export const CHANGE_KINDS = ["changed", "added", "removed", "joined", "split"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
