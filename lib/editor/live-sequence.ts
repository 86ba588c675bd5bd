/**
 * The client's half of "no event is missed" (issue 17): each document's events count up by one
 * with no gaps, so the seq alone says whether this browser has everything. A repeat is dropped; a
 * jump means one was missed, and the stream is reopened after the last seq seen so the server
 * replays from there.
 */
export type SeqDecision =
  /** The next one (or the first this connection has seen): apply it and remember its seq. */
  | { kind: "apply" }
  /** Already applied (a replay overlapping what arrived live). */
  | { kind: "duplicate" }
  /** One or more were missed: reconnect asking for everything after `after`. */
  | { kind: "gap"; after: number };

/** `last`: the seq of the last event applied, or null when nothing is known yet. */
export function checkSeq(last: number | null, seq: number): SeqDecision {
  if (last === null) return { kind: "apply" };
  if (seq <= last) return { kind: "duplicate" };
  if (seq === last + 1) return { kind: "apply" };
  return { kind: "gap", after: last };
}

/** The stream's address, asking for a replay after `after` when the browser knows where it stands. */
export function streamUrl(documentId: string, after: number | null): string {
  const base = `/api/documents/${encodeURIComponent(documentId)}/events`;
  return after === null ? base : `${base}?after=${after}`;
}

/** Ids per re-read request (GET …/segments?ids=): keeps the address well under common URL limits. */
export const REREAD_BATCH = 100;

export function batches<T>(items: readonly T[], size = REREAD_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
