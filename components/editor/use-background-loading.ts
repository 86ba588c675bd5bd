"use client";

import { useEffect, type Dispatch, type SetStateAction } from "react";
import { BEFORE_FIRST, chunkAddress, mergeChunk, yieldToBrowser, type SegmentChunk } from "@/lib/editor/chunk-loading";
import type { EditorSegment } from "./editor-types";

/**
 * Loads the rest of the document in the background, chunk by chunk after the rows the page came
 * with — and everything again after a join or split (`reloads`), which renumbers the segments.
 * Chunks are asked for by keyset (the position after the last row held). The next chunk is asked
 * for as soon as one arrives, before that one is merged, so the server reads it while the page
 * merges and paints; the merge of each chunk is its own task (no long task while loading). The
 * first request is the one the page preloaded from its head (app/documents/[documentId]/edit/page.tsx):
 * the same address, so the browser hands that response over instead of asking again.
 */
export function useBackgroundLoading(input: {
  documentId: string;
  /** The rows the page came with (the first chunk). */
  firstChunk: readonly EditorSegment[];
  total: number;
  reloads: number;
  setSegments: Dispatch<SetStateAction<(EditorSegment | undefined)[]>>;
  setTotal: (total: number) => void;
  setLoaded: (loaded: number) => void;
}) {
  const { documentId, firstChunk, total, reloads, setSegments, setTotal, setLoaded } = input;
  useEffect(() => {
    const fresh = reloads > 0;
    if (!fresh && firstChunk.length >= total) return;
    const controller = new AbortController();
    const get = (after: number, withTotal: boolean): Promise<SegmentChunk<EditorSegment> | null> =>
      fetch(chunkAddress(documentId, after, { withTotal }), { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<SegmentChunk<EditorSegment>>) : null))
        .catch(() => null);
    (async () => {
      let size = fresh ? -1 : total;
      let from = fresh ? 0 : firstChunk.length;
      let pending: Promise<SegmentChunk<EditorSegment> | null> | null = get(fresh ? BEFORE_FIRST : firstChunk.at(-1)!.position, fresh);
      let first = fresh;
      while (pending) {
        const chunk: SegmentChunk<EditorSegment> | null = await pending;
        if (!chunk || controller.signal.aborted) return;
        pending = chunk.next !== null ? get(chunk.next, false) : null;
        if (size < 0) {
          size = chunk.total ?? from + chunk.segments.length;
          setTotal(size);
        }
        const at = from;
        const reset = first;
        setSegments((prev) => mergeChunk(prev, at, chunk.segments, size, reset));
        first = false;
        from += chunk.segments.length;
        setLoaded(from);
        await yieldToBrowser();
      }
    })();
    return () => controller.abort();
  }, [documentId, firstChunk, total, reloads, setSegments, setTotal, setLoaded]);
}
