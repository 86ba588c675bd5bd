"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { INITIAL_SAVE_TRACKER, saveIndicator, trackSave } from "@/lib/editor/save-indicator";
import { writeDraft } from "./draft-storage";
import type { Conflict, EditorSegment } from "./editor-types";
import type { PropagationReport } from "@/lib/repetitions/propagate";

type SaveResult = { kind: "saved"; segment: Pick<EditorSegment, "id" | "target" | "status" | "version">; propagation?: PropagationReport } | { kind: "conflict"; conflict: Conflict } | { kind: "offline" } | { kind: "invalid"; message: string };

interface PendingSave {
  segmentId: string;
  text: string;
  baseVersion: number;
  confirm: boolean;
}

const RETRY_MS = 5_000;

/**
 * Sends saves one at a time (so a user's own consecutive saves never conflict with each other),
 * keeps every unacknowledged text in localStorage, retries after a network failure, and reports
 * one state for the indicator (lib/editor/save-indicator.ts): unsaved / saving / saved / offline /
 * conflict / error. The editor tells it what is typed, so text waiting for the autosave shows as
 * unsaved rather than saved.
 */
export function useSegmentSaver(options: {
  documentId: string;
  currentVersion: (segmentId: string) => number | undefined;
  /** `propagation`: a confirm's repetitions that took the text (to show at once) and those skipped. */
  onSaved: (segment: Pick<EditorSegment, "id" | "target" | "status" | "version">, propagation?: PropagationReport) => void;
  onConflict: (segmentId: string, conflict: Conflict) => void;
}) {
  const t = useTranslations("editor");
  const [tracker, dispatch] = useReducer(trackSave, INITIAL_SAVE_TRACKER);
  const [message, setMessage] = useState<string | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const offline = useRef(new Map<string, PendingSave>());
  // The version each save's answer gave, per segment: the next queued save starts before React has
  // re-rendered with it (so before currentVersion knows it), and must not send the older version.
  const acknowledged = useRef(new Map<string, number>());
  const opts = useRef(options);
  opts.current = options;

  const send = useCallback(async (save: PendingSave): Promise<SaveResult> => {
    let response: Response;
    try {
      response = await fetch(`/api/segments/${save.segmentId}/save`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ target: save.text, baseVersion: save.baseVersion, confirm: save.confirm }),
      });
    } catch {
      return { kind: "offline" };
    }
    const body = (await response.json().catch(() => ({}))) as { segment?: EditorSegment; propagation?: PropagationReport; conflict?: Conflict["theirs"]; error?: string };
    if (response.ok && body.segment) return { kind: "saved", segment: body.segment, propagation: body.propagation };
    if (response.status === 409 && body.conflict) return { kind: "conflict", conflict: { mine: save.text, theirs: body.conflict } };
    if (response.status >= 500 || response.status === 0) return { kind: "offline" };
    return { kind: "invalid", message: body.error ?? t("saveRefused", { status: response.status }) };
  }, [t]);


  const save = useCallback(
    (segmentId: string, text: string, confirm: boolean, baseVersion?: number): Promise<SaveResult> => {
      const documentId = opts.current.documentId;
      const base = baseVersion ?? opts.current.currentVersion(segmentId) ?? 1;
      writeDraft(documentId, segmentId, { text, baseVersion: base, at: Date.now() });
      dispatch({ type: "sent", segmentId, text });
      const run = async (): Promise<SaveResult> => {
        // Read the version at send time: an earlier save in the queue may have moved it on.
        const version = baseVersion ?? Math.max(opts.current.currentVersion(segmentId) ?? base, acknowledged.current.get(segmentId) ?? 0);
        const result = await send({ segmentId, text, baseVersion: version, confirm });
        dispatch({ type: "answered", segmentId, outcome: result.kind === "invalid" ? "error" : result.kind });
        if (result.kind === "saved") {
          acknowledged.current.set(segmentId, result.segment.version);
          offline.current.delete(segmentId);
          writeDraft(documentId, segmentId, null);
          opts.current.onSaved(result.segment, result.propagation);
          setMessage(null);
        } else if (result.kind === "conflict") {
          offline.current.delete(segmentId);
          opts.current.onConflict(segmentId, result.conflict);
        } else if (result.kind === "offline") {
          offline.current.set(segmentId, { segmentId, text, baseVersion: version, confirm });
        } else {
          setMessage(result.message);
        }
        return result;
      };
      const next = queue.current.then(run, run);
      queue.current = next;
      return next;
    },
    [send],
  );

  // After a network failure: retry on a timer and as soon as the browser says it is online.
  useEffect(() => {
    const retry = () => {
      for (const pending of [...offline.current.values()]) {
        offline.current.delete(pending.segmentId);
        void save(pending.segmentId, pending.text, pending.confirm, pending.baseVersion);
      }
    };
    const timer = window.setInterval(() => offline.current.size && retry(), RETRY_MS);
    window.addEventListener("online", retry);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("online", retry);
    };
  }, [save]);

  const state = saveIndicator(tracker);
  return {
    state,
    message: state === "error" ? message : null,
    save,
    /** The text on screen changed (savedText: the segment's text on the server, as the editor knows it). */
    typed: useCallback((segmentId: string, text: string, savedText: string) => dispatch({ type: "typed", segmentId, text, savedText }), []),
    /** The text on screen went back to the saved one, or was replaced from the server. */
    discarded: useCallback((segmentId: string) => {
      // A text waiting for a retry after a network failure is dropped with it (never sent later).
      offline.current.delete(segmentId);
      dispatch({ type: "discarded", segmentId });
    }, []),
    /** A conflict settled without a save. */
    settled: useCallback(() => dispatch({ type: "settled" }), []),
  };
}
