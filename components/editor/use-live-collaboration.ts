"use client";

import { useCallback, useEffect, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from "react";
import type { DocumentEvent, EventActor, ResyncEvent } from "@/lib/events/event-types";
import { applyLiveEvent, applyRereadRows, type LiveEffects, type LiveNoteKind, type LiveView, type Rows } from "@/lib/editor/live-apply";
import { batches } from "@/lib/editor/live-sequence";
import type { Conflict, EditorSegment } from "./editor-types";
import { useLiveEvents } from "./use-live-events";
import type { PresenceEvent } from "@/lib/events/event-types";

/** How long a row someone else changed stays highlighted with their name. */
const HIGHLIGHT_MS = 6_000;

export interface LiveHighlightState {
  name: string;
  kind: LiveNoteKind;
}

/** Who signed the document off and when; null while it is in progress. */
export interface SignedOffState {
  name: string | null;
  at: string;
}

export interface DocumentStatusNotice {
  action: "signed_off" | "reopened";
  name: string;
}

/**
 * The editor's side of live collaboration (issue 17): applies the document's event stream to the
 * segment list (lib/editor/live-apply.ts), turns the effects into editor state — highlights, the
 * clash banner (the 409 conflict's own UI, marked live), dropped local text, re-reads, a full
 * reload only when a restructure cannot be placed — and feeds presence to usePresence.
 */
export function useLiveCollaboration(input: {
  documentId: string;
  userId: string;
  initialSeq: number | null;
  /** The document's sign-off when the page was read (null: in progress). */
  initialSignedOff: SignedOffState | null;
  segmentsRef: MutableRefObject<(EditorSegment | undefined)[]>;
  setSegments: Dispatch<SetStateAction<(EditorSegment | undefined)[]>>;
  /** The editor's state the reducer needs, read when an event lands. */
  view: () => LiveView;
  /** Someone else saved the open segment under unsaved text. */
  onClash: (segmentId: string, conflict: Conflict) => void;
  /** The local text of a segment is moot (the server has it, or the row is gone). */
  dropLocal: (segmentId: string) => void;
  /** Re-read the whole list (a restructure that cannot be placed, a resync of everything). */
  reloadAll: () => void;
  /** The open segment left the document. */
  onActiveRemoved: () => void;
  onPresence: (event: PresenceEvent) => void;
}) {
  const [highlights, setHighlights] = useState<Record<string, LiveHighlightState>>({});
  // Per segment: bumped when the open form must show a text changed elsewhere / its thread reload.
  const [formKeys, setFormKeys] = useState<Record<string, number>>({});
  const [commentKeys, setCommentKeys] = useState<Record<string, number>>({});
  const [documentStatus, setDocumentStatus] = useState<DocumentStatusNotice | null>(null);
  // Follows every sign-off and reopening, this person's own included (the banner names only others').
  const [signedOff, setSignedOff] = useState<SignedOffState | null>(input.initialSignedOff);
  const timers = useRef(new Map<string, number>());
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((t) => window.clearTimeout(t));
  }, []);

  /** Applies effects computed against the list as it stood; the list itself is updated by a pure updater. */
  const commit = useCallback((effects: LiveEffects, update: (rows: Rows) => Rows) => {
    const io = inputRef.current;
    if (effects.rows !== io.segmentsRef.current) {
      io.segmentsRef.current = effects.rows as (EditorSegment | undefined)[];
      io.setSegments((prev) => update(prev) as (EditorSegment | undefined)[]);
    }
    for (const id of effects.settled) io.dropLocal(id);
    for (const clash of effects.clashes) {
      io.onClash(clash.segmentId, {
        mine: clash.mine,
        live: true,
        theirs: { target: clash.theirs.target, status: clash.theirs.status, version: clash.theirs.version, authorName: clash.name, updatedAt: clash.at },
      });
    }
    if (effects.highlights.length) {
      setHighlights((h) => {
        const next = { ...h };
        for (const { segmentId, name, kind } of effects.highlights) next[segmentId] = { name, kind };
        return next;
      });
      for (const { segmentId } of effects.highlights) {
        window.clearTimeout(timers.current.get(segmentId));
        timers.current.set(
          segmentId,
          window.setTimeout(() => {
            timers.current.delete(segmentId);
            setHighlights(({ [segmentId]: _, ...rest }) => rest);
          }, HIGHLIGHT_MS),
        );
      }
    }
    const bump = (ids: string[]) => (keys: Record<string, number>) => {
      const next = { ...keys };
      for (const id of ids) next[id] = (next[id] ?? 0) + 1;
      return next;
    };
    if (effects.refreshed.length) setFormKeys(bump(effects.refreshed));
    if (effects.comments.length) setCommentKeys(bump(effects.comments));
    if (effects.documentStatus?.name) setDocumentStatus({ action: effects.documentStatus.action, name: effects.documentStatus.name });
    const active = io.view().activeId;
    if (active && effects.removed.includes(active)) io.onActiveRemoved();
    if (effects.reloadAll) io.reloadAll();
  }, []);

  /** Reads segments again by id and applies what is newer. */
  const reread = useCallback(
    async (ids: string[], source: { actor: EventActor | null; kind: LiveNoteKind; at: string } | null) => {
      for (const batch of batches(ids)) {
        const response = await fetch(`/api/documents/${inputRef.current.documentId}/segments?ids=${batch.map(encodeURIComponent).join(",")}`).catch(() => null);
        if (!response?.ok) continue;
        const body = (await response.json().catch(() => ({}))) as { segments?: EditorSegment[] };
        if (!body.segments?.length) continue;
        const view = inputRef.current.view();
        const rows = body.segments;
        commit(applyRereadRows(inputRef.current.segmentsRef.current, rows, view, source), (prev) => applyRereadRows(prev, rows, view, source).rows);
      }
    },
    [commit],
  );

  const onEvent = useCallback(
    (event: DocumentEvent) => {
      const view = inputRef.current.view();
      const effects = applyLiveEvent(inputRef.current.segmentsRef.current, event, view);
      commit(effects, (prev) => applyLiveEvent(prev, event, view).rows);
      if (event.type === "document.status") setSignedOff(event.action === "signed_off" ? { name: event.actor?.name ?? null, at: event.at } : null);
      if (effects.reread.length && event.type === "segments.stale") void reread(effects.reread, { actor: event.actor, kind: event.reason, at: event.at });
    },
    [commit, reread],
  );

  const onResync = useCallback(
    (event: ResyncEvent) => {
      if (event.all) return inputRef.current.reloadAll();
      const loaded = new Set(inputRef.current.segmentsRef.current.map((s) => s?.id));
      void reread(
        event.segmentIds.filter((id) => loaded.has(id)),
        null,
      );
    },
    [reread],
  );

  const connection = useLiveEvents(input.documentId, input.initialSeq, { onEvent, onResync, onPresence: (e) => inputRef.current.onPresence(e) });

  return { connection, highlights, formKeys, commentKeys, documentStatus, closeDocumentStatus: () => setDocumentStatus(null), signedOff };
}
