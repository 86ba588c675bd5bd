/**
 * What the editor's save indicator says, as a pure state machine (issue 16, part 1). It must tell
 * the truth: text typed but not yet handed to the server is "unsaved" (the autosave waits for a
 * pause in typing), text on its way is "saving", and only when nothing is left on screen or on
 * the wire is everything "saved". A conflict, a refusal or a network failure outranks them all,
 * since each needs the user's attention (offline text is kept in the browser and retried).
 */
import { normaliseTarget } from "@/lib/revisions/target-text";

export type SaveIndicator = "unsaved" | "saving" | "saved" | "offline" | "conflict" | "error";

export interface SaveTracker {
  /** Segments whose text on screen differs from what was last sent or saved: segment id → that text. */
  readonly unsent: ReadonlyMap<string, string>;
  /** Saves on their way, per segment: how many, and the text of the last one sent. */
  readonly inFlight: ReadonlyMap<string, { count: number; text: string }>;
  /** Segments whose save met a network failure, waiting for a retry. */
  readonly offline: ReadonlySet<string>;
  /** A conflict or a refusal: shown until the next save succeeds or the user settles it. */
  readonly problem: "conflict" | "error" | null;
}

export type SaveEvent =
  /** The text on screen changed; savedText is the segment's text on the server as the editor knows it. */
  | { type: "typed"; segmentId: string; text: string; savedText: string }
  /** The text left for the server. */
  | { type: "sent"; segmentId: string; text: string }
  /** The server answered a save. */
  | { type: "answered"; segmentId: string; outcome: "saved" | "conflict" | "offline" | "error" }
  /** The text on screen was put back to the saved one (Esc), replaced from the server (restore, join, split) or settled in a conflict. */
  | { type: "discarded"; segmentId: string }
  /** The user settled a conflict without a save (took the other text, or chose to merge by hand). */
  | { type: "settled" };

export const INITIAL_SAVE_TRACKER: SaveTracker = { unsent: new Map(), inFlight: new Map(), offline: new Set(), problem: null };

const same = (a: string, b: string) => a === b || normaliseTarget(a) === normaliseTarget(b);

function without<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}

function withoutMember<K>(set: ReadonlySet<K>, key: K): ReadonlySet<K> {
  if (!set.has(key)) return set;
  const next = new Set(set);
  next.delete(key);
  return next;
}

export function trackSave(state: SaveTracker, event: SaveEvent): SaveTracker {
  switch (event.type) {
    case "typed": {
      // Compared with the text last sent (still on its way) or, failing that, the saved one.
      const base = state.inFlight.get(event.segmentId)?.text ?? event.savedText;
      if (same(event.text, base)) return state.unsent.has(event.segmentId) ? { ...state, unsent: without(state.unsent, event.segmentId) } : state;
      if (state.unsent.get(event.segmentId) === event.text) return state;
      return { ...state, unsent: new Map(state.unsent).set(event.segmentId, event.text) };
    }
    case "sent": {
      const unsent = state.unsent.get(event.segmentId);
      const before = state.inFlight.get(event.segmentId);
      return {
        ...state,
        // Text typed after what was sent is still unsent.
        unsent: unsent === undefined || same(unsent, event.text) ? without(state.unsent, event.segmentId) : state.unsent,
        inFlight: new Map(state.inFlight).set(event.segmentId, { count: (before?.count ?? 0) + 1, text: event.text }),
        offline: withoutMember(state.offline, event.segmentId),
      };
    }
    case "answered": {
      const before = state.inFlight.get(event.segmentId);
      const inFlight = !before ? state.inFlight : before.count > 1 ? new Map(state.inFlight).set(event.segmentId, { ...before, count: before.count - 1 }) : without(state.inFlight, event.segmentId);
      switch (event.outcome) {
        case "saved":
          return { ...state, inFlight, offline: withoutMember(state.offline, event.segmentId), problem: null };
        case "offline":
          return { ...state, inFlight, offline: new Set(state.offline).add(event.segmentId) };
        case "conflict":
          return { ...state, inFlight, offline: withoutMember(state.offline, event.segmentId), problem: "conflict" };
        case "error":
          return { ...state, inFlight, problem: "error" };
      }
      return state;
    }
    case "discarded":
      // A text waiting for a retry is dropped with it (the saver forgets the retry too).
      if (!state.unsent.has(event.segmentId) && !state.offline.has(event.segmentId)) return state;
      return { ...state, unsent: without(state.unsent, event.segmentId), offline: withoutMember(state.offline, event.segmentId) };
    case "settled":
      return state.problem ? { ...state, problem: null } : state;
  }
}

/** The one word the indicator shows. */
export function saveIndicator(state: SaveTracker): SaveIndicator {
  if (state.problem) return state.problem;
  if (state.offline.size) return "offline";
  if (state.unsent.size) return "unsaved";
  if (state.inFlight.size) return "saving";
  return "saved";
}
