"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { PresenceEvent } from "@/lib/events/event-types";

export interface PresentUser {
  userId: string;
  name: string;
  segmentId: string | null;
}

/**
 * A slow keepalive: the server counts someone present while their last word is recent
 * (PRESENCE_TTL_MS, 30 s); who is where arrives on the event stream as it changes.
 */
const KEEPALIVE_MS = 15_000;
/** After this long without typing or moving, the user no longer holds a soft lock on the segment. */
const IDLE_MS = 60_000;

/**
 * Tells the server which segment this user is in — at once on every move, and on a slow keepalive
 * — and learns who else is in the document from the event stream's presence events (`fromStream`),
 * the keepalive's answer filling in until the first one arrives. A segment stops being
 * soft-locked when its editor goes idle.
 */
export function usePresence(documentId: string, userId: string, activeSegmentId: string | null, lastActivity: number) {
  const [others, setOthers] = useState<PresentUser[]>([]);
  const state = useRef({ activeSegmentId, lastActivity });
  state.current = { activeSegmentId, lastActivity };

  const tell = useCallback(
    async (segmentId: string | null) => {
      try {
        const response = await fetch(`/api/documents/${documentId}/presence`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ segmentId }),
        });
        if (response.ok) setOthers(((await response.json()) as { others: PresentUser[] }).others);
      } catch {
        // Offline: presence simply pauses; the save indicator already says so.
      }
    },
    [documentId],
  );

  useEffect(() => {
    const beat = () => {
      const { activeSegmentId: segmentId, lastActivity: at } = state.current;
      void tell(Date.now() - at < IDLE_MS ? segmentId : null);
    };
    const timer = window.setInterval(beat, KEEPALIVE_MS);
    const leave = () => void fetch(`/api/documents/${documentId}/presence`, { method: "DELETE", keepalive: true, headers: { "content-type": "application/json" } }).catch(() => undefined);
    window.addEventListener("pagehide", leave);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [documentId, tell]);

  // Report a move to another segment at once (and the first arrival).
  useEffect(() => {
    void tell(activeSegmentId);
  }, [tell, activeSegmentId]);

  const fromStream = useCallback((event: PresenceEvent) => setOthers(event.users.filter((u) => u.userId !== userId)), [userId]);
  return { others, fromStream };
}
