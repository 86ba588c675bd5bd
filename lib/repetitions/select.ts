import { repetitionKey } from "./repetition-key";

/**
 * Which repetitions of a confirmed segment take its translation, and why the others do not — the
 * rules, apart from the database. Codes, not English: the editor words them (editor.repetitions.skip.*).
 */

/** Why a repetition kept its text. */
export const SKIP_CODES = ["confirmed", "reviewed", "approved", "changes-requested", "being-edited", "busy", "signed-off", "unchanged"] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

/** Statuses propagation may write over: nobody has confirmed these texts. */
export const PROPAGATABLE_STATUSES = ["untranslated", "draft"] as const;

export type PropagatedStatus = "draft" | "translated";

export function isPropagatedStatus(value: string): value is PropagatedStatus {
  return value === "draft" || value === "translated";
}

export interface Candidate {
  id: string;
  documentId: string;
  position: number;
  target: string;
  status: string;
}

export interface SelectionContext {
  /** The translation being confirmed (normalised as stored). */
  target: string;
  /** The status propagated segments get (the project's setting). */
  status: PropagatedStatus;
  /** Segments another person has open right now (the soft lock, lib/documents/presence.ts). */
  editedByOthers: ReadonlySet<string>;
  /** Segments a long operation holds (lib/jobs/fence.ts). */
  fenced: ReadonlySet<string>;
  /** Other documents that are signed off: propagation never reopens someone else's document. */
  signedOffDocuments: ReadonlySet<string>;
}

export interface Selection {
  propagate: Candidate[];
  skipped: { candidate: Candidate; code: SkipCode }[];
}

/** Why this repetition keeps its text, or null when it takes the confirmed translation. */
export function skipReason(c: Candidate, ctx: SelectionContext): SkipCode | null {
  // The review rules first: a confirmed, reviewed or approved text, or a reviewer's request for
  // changes (which a person must answer), is never written over by propagation.
  if (c.status === "translated") return "confirmed";
  if (c.status === "reviewed") return "reviewed";
  if (c.status === "approved") return "approved";
  if (c.status === "changes_requested") return "changes-requested";
  if (!(PROPAGATABLE_STATUSES as readonly string[]).includes(c.status)) return "confirmed";
  if (ctx.signedOffDocuments.has(c.documentId)) return "signed-off";
  if (ctx.editedByOthers.has(c.id)) return "being-edited";
  if (ctx.fenced.has(c.id)) return "busy";
  if (c.target === ctx.target && c.status === ctx.status) return "unchanged";
  return null;
}

export function selectRepetitions(candidates: readonly Candidate[], ctx: SelectionContext): Selection {
  const out: Selection = { propagate: [], skipped: [] };
  for (const c of candidates) {
    const code = skipReason(c, ctx);
    if (code) out.skipped.push({ candidate: c, code });
    else out.propagate.push(c);
  }
  return out;
}

/**
 * The repetitions of `source` among rows found by its source hash: the hash is an index, so the
 * keys themselves are compared (a stale hash or a collision never propagates).
 */
export function repetitionsAmong<Row extends { source: string }>(rows: readonly Row[], source: string): Row[] {
  const key = repetitionKey(source);
  return rows.filter((r) => repetitionKey(r.source) === key);
}
