/**
 * How the editor applies what the document's event stream says (issue 17), as a pure function of
 * its segment list: rows someone else changed are replaced in place, rows being edited are left
 * alone (the clash is reported, or the pending save's version check settles it), joins and splits
 * are spliced in and the positions renumbered. The caller turns the effects into state: highlights,
 * the clash banner, re-reads, a full reload only when the list cannot be placed from the event.
 */
import type { DocumentEvent, EventActor, SegmentChangeReason, SegmentSnapshot } from "@/lib/events/event-types";
import { normaliseTarget } from "@/lib/revisions/target-text";

export type Rows = readonly (SegmentSnapshot | undefined)[];

/** What the editor knows that decides how an event lands. */
export interface LiveView {
  /** This browser's user: their own events are not highlighted and never clash. */
  userId: string;
  /** Text on screen that the server has not acknowledged (typed, or on its way), per segment. */
  editing: Readonly<Record<string, string>>;
  /** The segment open in the form. */
  activeId: string | null;
}

/** What the highlight says happened (catalog editor.live.reason.<kind>). */
export type LiveNoteKind = SegmentChangeReason | "joined" | "split" | "undone" | "commentAdded" | "commentEdited" | "commentResolved" | "commentReopened" | "commentDeleted";

export interface LiveHighlight {
  segmentId: string;
  name: string;
  kind: LiveNoteKind;
}

/** Someone else saved the segment open here while its text on screen is unsaved. */
export interface LiveClash {
  segmentId: string;
  mine: string;
  theirs: SegmentSnapshot;
  name: string | null;
  at: string;
}

export interface LiveEffects {
  /** The new list (the same array when nothing changed). */
  rows: Rows;
  highlights: LiveHighlight[];
  clashes: LiveClash[];
  /** Segments whose unsaved local text should be dropped: the server now holds the same text, or the row is gone. */
  settled: string[];
  /** Segments to read again (GET …/segments?ids=). */
  reread: string[];
  /** The list cannot be placed from the event (rows not all loaded, positions disagree): read it all again. */
  reloadAll: boolean;
  /** Rows that left the document (joined away, undone split). */
  removed: string[];
  /** Open-form segments whose saved text changed under an untouched form: the form must show the new text. */
  refreshed: string[];
  /** Segments whose comment thread someone else changed (an open thread reloads). */
  comments: string[];
  /** The whole document was signed off or reopened. */
  documentStatus: { action: "signed_off" | "reopened"; status: string; name: string | null } | null;
}

export function noEffects(rows: Rows): LiveEffects {
  return { rows, highlights: [], clashes: [], settled: [], reread: [], reloadAll: false, removed: [], refreshed: [], comments: [], documentStatus: null };
}

const sameText = (a: string, b: string) => a === b || normaliseTarget(a) === normaliseTarget(b);

/** Where a segment is in the list: at its position when the list is in step (the usual case), else searched. */
function locate(rows: Rows, id: string, position: number): number {
  if (rows[position]?.id === id) return position;
  return rows.findIndex((r) => r?.id === id);
}

/** A copy-on-first-write view of the list, so an event that changes nothing returns the same array. */
class Draft {
  private copy: (SegmentSnapshot | undefined)[] | null = null;
  constructor(private readonly original: Rows) {}
  get rows(): Rows {
    return this.copy ?? this.original;
  }
  writable(): (SegmentSnapshot | undefined)[] {
    return (this.copy ??= this.original.slice());
  }
  set(i: number, row: SegmentSnapshot) {
    this.writable()[i] = row;
  }
}

/**
 * Puts whole segments from the server into the list. `source` names who changed them and why
 * (null for a re-read after a resync: applied, but nobody to name, so not highlighted).
 */
function placeSnapshots(draft: Draft, snapshots: readonly SegmentSnapshot[], view: LiveView, source: { actor: EventActor | null; kind: LiveNoteKind; at: string } | null, out: LiveEffects) {
  const own = !!source?.actor && source.actor.id === view.userId;
  for (const next of snapshots) {
    const rows = draft.rows;
    const i = locate(rows, next.id, next.position);
    if (i < 0) {
      // Not loaded yet: fill its slot if that is still empty, so a chunk read before the change
      // cannot bring back the older text (the loader keeps the higher version).
      if (next.position >= 0 && next.position < rows.length && rows[next.position] === undefined) draft.set(next.position, next);
      continue;
    }
    const current = rows[i]!;
    // Already shown: this tab's own save answered first, a replay, or a re-read of what we have.
    if (current.version >= next.version) continue;
    const local = view.editing[next.id];
    if (local !== undefined) {
      if (sameText(local, next.target)) {
        // The server now holds what is on screen (our own save racing its answer, or the same words).
        draft.set(i, next);
        out.settled.push(next.id);
        continue;
      }
      // Our own change (another tab, or a save whose answer is still on its way): the version
      // check on that save settles it. Someone else's, in the open segment: tell the user now.
      if (!own && source && next.id === view.activeId) {
        out.clashes.push({ segmentId: next.id, mine: local, theirs: next, name: source.actor?.name ?? null, at: source.at });
      }
      // Either way the row keeps the version its pending text was based on, so no save can
      // overwrite the newer text without the server's conflict answer.
      continue;
    }
    draft.set(i, next);
    if (next.id === view.activeId && current.target !== next.target) out.refreshed.push(next.id);
    if (source?.actor && !own) out.highlights.push({ segmentId: next.id, name: source.actor.name, kind: source.kind });
  }
}

/** Renumbers positions to match the list order (live positions are 0…n-1 with no gaps). */
function renumber(draft: Draft) {
  const rows = draft.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row && row.position !== i) draft.set(i, { ...row, position: i });
  }
}

const RESTRUCTURE_KIND = { join: "joined", split: "split", undo: "undone" } as const;
const COMMENT_KIND = { added: "commentAdded", edited: "commentEdited", resolved: "commentResolved", reopened: "commentReopened", deleted: "commentDeleted" } as const;

/** Applies one stored event to the list. */
export function applyLiveEvent(rows: Rows, event: DocumentEvent, view: LiveView): LiveEffects {
  const out = noEffects(rows);
  const draft = new Draft(rows);
  const own = !!event.actor && event.actor.id === view.userId;
  switch (event.type) {
    case "segments.changed":
      placeSnapshots(draft, event.segments, view, { actor: event.actor, kind: event.reason, at: event.at }, out);
      break;
    case "segments.stale": {
      const loaded = new Set<string>();
      for (const r of rows) if (r) loaded.add(r.id);
      out.reread = event.segmentIds.filter((id) => loaded.has(id));
      break;
    }
    case "segments.restructured":
      restructure(draft, event, view, out);
      break;
    case "comment.changed": {
      const i = rows.findIndex((r) => r?.id === event.segmentId);
      const row = rows[i];
      if (row && (row.comments !== event.comments || row.openIssues !== event.openIssues)) draft.set(i, { ...row, comments: event.comments, openIssues: event.openIssues });
      if (row && !own) {
        out.comments.push(event.segmentId);
        if (event.actor) out.highlights.push({ segmentId: event.segmentId, name: event.actor.name, kind: COMMENT_KIND[event.action] });
      }
      break;
    }
    case "document.status":
      out.documentStatus = { action: event.action, status: event.status, name: own ? null : (event.actor?.name ?? null) };
      break;
  }
  out.rows = draft.rows;
  return out;
}

function restructure(draft: Draft, event: Extract<DocumentEvent, { type: "segments.restructured" }>, view: LiveView, out: LiveEffects) {
  // Rows still loading: a splice would shift the slots the loader is filling. Read it all again.
  if (draft.rows.includes(undefined)) {
    out.reloadAll = true;
    return;
  }
  const gone = new Set(event.removedIds);
  if (draft.rows.some((r) => r && gone.has(r.id))) {
    const kept = draft.rows.filter((r) => !(r && gone.has(r.id)));
    const target = draft.writable();
    target.length = 0;
    target.push(...kept);
  }
  for (const id of event.removedIds) {
    out.removed.push(id);
    if (id in view.editing) out.settled.push(id);
  }
  // New rows (the second half of a split, a joined-away row coming back by undo) go in at their
  // position; rows still here are replaced as any change is.
  const sorted = [...event.segments].sort((a, b) => a.position - b.position);
  for (const next of sorted) {
    if (draft.rows.some((r) => r?.id === next.id)) continue;
    if (next.position > draft.rows.length) {
      out.reloadAll = true;
      return;
    }
    draft.writable().splice(next.position, 0, { ...next, version: next.version - 1 });
  }
  // Inserted rows carry version - 1 so that placing them below counts as a change (highlighted,
  // or a clash) — then they take the snapshot itself.
  renumber(draft);
  placeSnapshots(draft, sorted, view, { actor: event.actor, kind: RESTRUCTURE_KIND[event.action], at: event.at }, out);
  // The server's positions are authoritative: if ours disagree after the splice, read them again.
  for (const next of sorted) if (draft.rows[next.position]?.id !== next.id) out.reloadAll = true;
}

/** Applies rows read again (after segments.stale or a resync): only newer versions land, under the same rules as events. */
export function applyRereadRows(rows: Rows, snapshots: readonly SegmentSnapshot[], view: LiveView, source: { actor: EventActor | null; kind: LiveNoteKind; at: string } | null): LiveEffects {
  const out = noEffects(rows);
  const draft = new Draft(rows);
  placeSnapshots(draft, snapshots, view, source, out);
  out.rows = draft.rows;
  return out;
}
