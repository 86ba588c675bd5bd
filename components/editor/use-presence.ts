"use client";

import { useEffect, useRef, useState } from "react";

export interface PresentUser {
  userId: string;
  name: string;
  segmentId: string | null;
}

const HEARTBEAT_MS = 3_000;
/** After this long without typing or moving, the user no longer holds a soft lock on the segment. */
const IDLE_MS = 60_000;

/**
 * Tells the server every few seconds which segment this user is in and learns who else is in
 * the document. A segment stops being soft-locked when its editor goes idle.
 */
export function usePresence(documentId: string, activeSegmentId: string | null, lastActivity: number): PresentUser[] {
  const [others, setOthers] = useState<PresentUser[]>([]);
  const state = useRef({ activeSegmentId, lastActivity });
  state.current = { activeSegmentId, lastActivity };

  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      const { activeSegmentId: segmentId, lastActivity: at } = state.current;
      try {
        const response = await fetch(`/api/documents/${documentId}/presence`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ segmentId: Date.now() - at < IDLE_MS ? segmentId : null }),
        });
        if (response.ok && !stopped) setOthers(((await response.json()) as { others: PresentUser[] }).others);
      } catch {
        // Offline: presence simply pauses; the save indicator already says so.
      }
    };
    void beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    const leave = () => void fetch(`/api/documents/${documentId}/presence`, { method: "DELETE", keepalive: true, headers: { "content-type": "application/json" } }).catch(() => undefined);
    window.addEventListener("pagehide", leave);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [documentId]);

  // Report a move to another segment at once rather than at the next beat.
  useEffect(() => {
    void fetch(`/api/documents/${documentId}/presence`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ segmentId: activeSegmentId }),
    }).catch(() => undefined);
  }, [documentId, activeSegmentId]);

  return others;
}
