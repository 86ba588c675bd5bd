/**
 * The document event stream's vocabulary (issue 17): what one open editor learns about the work
 * other people do in the same document. Shared by the writers (lib/*, which append an event in the
 * same transaction as their change and publish it after commit), the stream route and the editor.
 *
 * Ordering: `seq` counts up by one per document with no gaps (it is taken from the document row in
 * the writer's transaction), so a client that sees seq n+2 after n knows it missed one and asks for
 * a replay. Presence is not stored and carries no seq.
 */
import type { SegmentData } from "@/lib/documents/document-queries";

/** Who did it; the name is resolved on the server so clients never look users up. */
export interface EventActor {
  id: string;
  name: string;
}

/** A segment's new state, as the editor shows it (the same shape the segment pages return). */
export type SegmentSnapshot = SegmentData;

/** Why segments changed; the editor words the highlight from it (catalog key live.reason.<reason>). */
export type SegmentChangeReason =
  | "saved" // a save or confirm in the editor (or the API)
  | "status" // approve, request changes, reopen, bulk approval
  | "propagated" // a confirmed repetition copied into this one
  | "restored" // an older revision restored
  | "replaced" // find and replace
  | "pretranslated" // memory or machine translation filled it
  | "reimported" // a re-imported file changed it
  | "source"; // the Chinese source was corrected

export type DocumentEventBody =
  /** Up to SNAPSHOT_LIMIT segments, carried whole so the editor updates them in place. */
  | { type: "segments.changed"; reason: SegmentChangeReason; segments: SegmentSnapshot[] }
  /** Bulk changes beyond SNAPSHOT_LIMIT: the editor re-reads these ids (GET …/segments?ids=). */
  | { type: "segments.stale"; reason: SegmentChangeReason; segmentIds: string[] }
  /**
   * Join, split or their undo: positions shifted. `removedIds` are gone; `segments` are the rows
   * created or changed; positions of the rest are re-read by the editor.
   */
  | { type: "segments.restructured"; action: "join" | "split" | "undo"; removedIds: string[]; segments: SegmentSnapshot[] }
  /** A comment added, edited, resolved, reopened or deleted: the thread's new counts. */
  | {
      type: "comment.changed";
      action: "added" | "edited" | "resolved" | "reopened" | "deleted";
      segmentId: string;
      commentId: string;
      comments: number;
      openIssues: number;
    }
  /** Sign-off or reopening of the whole document. */
  | { type: "document.status"; action: "signed_off" | "reopened"; status: string };

/** A stored event as it travels: the body plus its place in the document's sequence. */
export type DocumentEvent = DocumentEventBody & {
  documentId: string;
  seq: number;
  actor: EventActor | null;
  /** ISO time of the change. */
  at: string;
};

/** Who is in the document now, and in which segment (not stored; sent on every change and on connect). */
export interface PresenceEvent {
  type: "presence";
  documentId: string;
  users: { userId: string; name: string; segmentId: string | null }[];
}

/**
 * Sent instead of a replay when the client was away too long (more than REPLAY_LIMIT events, or
 * events already pruned): re-read exactly these segments, or everything when `all` is set.
 */
export interface ResyncEvent {
  type: "resync";
  documentId: string;
  seq: number;
  segmentIds: string[];
  all: boolean;
}

/**
 * Why a stream ended for good: the session is over (signed out here or everywhere, password
 * changed, expired, account gone) or the viewer may no longer see the document (removed from the
 * project, role changed, document gone). The last message of such a stream; the client must not
 * reconnect (EventSource cannot read a 401/403, so the route answers 200 with this instead).
 */
export type StreamEndReason = "signedOut" | "noAccess";
export interface EndedEvent {
  type: "ended";
  documentId: string;
  reason: StreamEndReason;
}

export type StreamMessage = DocumentEvent | PresenceEvent | ResyncEvent | EndedEvent;

/** Events carry whole segments up to this many; larger changes are sent as ids. */
export const SNAPSHOT_LIMIT = 50;
/** A reconnecting client is replayed at most this many events; beyond it, a resync. */
export const REPLAY_LIMIT = 500;
