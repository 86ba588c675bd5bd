"use client";

import { useEffect, type Dispatch, type SetStateAction } from "react";
import type { EditorSegment } from "./editor-types";

const CHUNK = 2_000;

/**
 * Loads the rest of the document in the background, chunk by chunk, after the first screen is
 * shown — and everything again after a join or split (`reloads`), which renumbers the segments.
 */
export function useBackgroundLoading(input: {
  documentId: string;
  firstChunkLength: number;
  total: number;
  reloads: number;
  setSegments: Dispatch<SetStateAction<(EditorSegment | undefined)[]>>;
  setTotal: (total: number) => void;
  setLoaded: (loaded: number) => void;
}) {
  const { documentId, firstChunkLength, total, reloads, setSegments, setTotal, setLoaded } = input;
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const start = reloads === 0 ? firstChunkLength : 0;
      let size = reloads === 0 ? total : -1;
      for (let from = start; (size < 0 || from < size) && !cancelled; from += CHUNK) {
        const response = await fetch(`/api/documents/${documentId}/segments?from=${from}&limit=${CHUNK}`);
        if (!response.ok) break;
        const body = (await response.json()) as { segments: EditorSegment[]; total: number };
        if (cancelled) return;
        if (size < 0) {
          size = body.total;
          setTotal(body.total);
        }
        setSegments((prev) => {
          const next = from === 0 && reloads > 0 ? new Array<EditorSegment | undefined>(size) : prev.slice();
          if (from !== 0 || reloads === 0) next.length = size;
          // A row the event stream already brought newer (someone saved it meanwhile) keeps that version.
          body.segments.forEach((s, i) => {
            const held = next[from + i];
            next[from + i] = held && held.id === s.id && held.version > s.version ? held : s;
          });
          return next;
        });
        setLoaded(from + body.segments.length);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [documentId, firstChunkLength, total, reloads, setSegments, setTotal, setLoaded]);
}
