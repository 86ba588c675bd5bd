"use client";

import { useEffect, useRef, useState } from "react";
import type { DocumentEvent, PresenceEvent, ResyncEvent, StreamEndReason, StreamMessage } from "@/lib/events/event-types";
import { checkSeq, streamUrl } from "@/lib/editor/live-sequence";
import { signalNotificationsChanged } from "@/lib/notifications/live-signal";

/**
 * What the toolbar shows: quiet while live, a word while the stream is being re-opened; the
 * server's `ended` reason once it said the stream is over for good (nothing is re-opened then).
 */
export type LiveConnection = "connecting" | "live" | "reconnecting" | StreamEndReason;

export interface LiveHandlers {
  onEvent: (event: DocumentEvent) => void;
  onPresence: (event: PresenceEvent) => void;
  onResync: (event: ResyncEvent) => void;
}

/** Waits before re-opening a stream the server closed, growing to the last and staying there. */
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000];
/** Message names a server may use (`event:` lines); unnamed messages arrive as "message". */
const NAMED = ["message", "ended", "presence", "resync", "segments.changed", "segments.stale", "segments.restructured", "comment.changed", "document.status"];

/**
 * The document's event stream (Server-Sent Events, GET /api/documents/:id/events). Events are
 * applied in seq order: a repeat is dropped; a jump (n+2 after n) closes the stream and re-opens
 * it with ?after=n, so the server replays what was missed. The browser's own reconnection sends
 * Last-Event-ID; when the browser goes offline the stream is closed at once and re-opened with
 * ?after= when it is back, so nothing depends on how long a dead connection takes to notice.
 * `initialSeq`: the document's seq when the page read its segments (null: start from what comes).
 */
export function useLiveEvents(documentId: string, initialSeq: number | null, handlers: LiveHandlers): LiveConnection {
  const [state, setState] = useState<LiveConnection>("connecting");
  const latest = useRef(handlers);
  latest.current = handlers;
  // Survives re-renders and re-opened streams: the last seq applied.
  const lastSeq = useRef<number | null>(initialSeq);

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: number | undefined;
    let attempt = 0;
    let stopped = false;

    const close = () => {
      source?.close();
      source = null;
      window.clearTimeout(timer);
    };
    const open = () => {
      close();
      if (stopped || !navigator.onLine) return;
      const stream = new EventSource(streamUrl(documentId, lastSeq.current));
      source = stream;
      stream.onopen = () => {
        attempt = 0;
        setState("live");
      };
      stream.onerror = () => {
        setState("reconnecting");
        // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: the server
        // refused (signed out, removed, restarting): try again after a pause.
        if (stream.readyState === EventSource.CLOSED && source === stream) {
          source = null;
          timer = window.setTimeout(open, BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]);
        }
      };
      const receive = (e: MessageEvent<string>) => {
        if (source !== stream) return;
        let message: StreamMessage;
        try {
          message = JSON.parse(e.data) as StreamMessage;
        } catch {
          return;
        }
        if (message.documentId !== documentId) return;
        if (message.type === "ended") {
          // Signed out or shut out: the server would only say so again. Stop for good.
          stopped = true;
          close();
          return setState(message.reason);
        }
        if (message.type === "presence") return latest.current.onPresence(message);
        if (message.type === "resync") {
          lastSeq.current = message.seq;
          return latest.current.onResync(message);
        }
        const decision = checkSeq(lastSeq.current, message.seq);
        if (decision.kind === "duplicate") return;
        if (decision.kind === "gap") {
          // Re-open asking for everything after the last one applied; the replay brings this one too.
          setState("reconnecting");
          return open();
        }
        lastSeq.current = message.seq;
        latest.current.onEvent(message);
      };
      for (const name of NAMED) stream.addEventListener(name, receive as EventListener);
      // The viewer's own notifications (no seq, no document): the header's bell re-reads its count.
      stream.addEventListener("notifications", () => signalNotificationsChanged());
    };

    const offline = () => {
      if (stopped) return;
      close();
      setState("reconnecting");
    };
    const online = () => {
      if (stopped) return;
      attempt = 0;
      open();
    };
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    if (navigator.onLine) open();
    else setState("reconnecting");
    return () => {
      stopped = true;
      close();
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
    };
  }, [documentId]);

  return state;
}
