"use client";

import { useEffect, type Dispatch, type SetStateAction } from "react";
import { BEFORE_FIRST, ChunkBatch, MergeGate, mergeChunk, yieldToBrowser } from "@/lib/editor/chunk-loading";
import { adoptEarlyChunks, startChunkChain } from "@/lib/editor/chunk-chain";
import { countAhead } from "@/lib/editor/loaded-segments";
import type { EditorSegment } from "./editor-types";

/**
 * Loads the rest of the document in the background, chunk by chunk after the rows the page came
 * with — and everything again after a join or split (`reloads`), which renumbers the segments.
 * Chunks are asked for by keyset (the position after the last row held), by the request chain of
 * lib/editor/chunk-chain.ts (the next request goes out when the previous answer's headers arrive,
 * so the server reads while the page receives, parses and merges); each chunk's parse and the count
 * of its rows (lib/editor/loaded-segments.ts, countAhead) are tasks of their own, and so is the
 * merge, of that chunk and of those that arrived meanwhile (no long task while loading). On the
 * page's first load that chain was started before the scripts loaded — the first chunks preloaded
 * from the head, the rest by the chain the page's early script starts — and the editor adopts it.
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
    const start = fresh ? BEFORE_FIRST : firstChunk.at(-1)!.position;
    const chainFrom = (after: number, withTotal: boolean) => startChunkChain<EditorSegment>(documentId, after, { withTotal });
    // On the page's first load its inline script has been asking for these chunks since the HTML
    // arrived: take them from it (and ask ourselves from where it failed, if it did).
    let early = fresh ? null : adoptEarlyChunks<EditorSegment>(documentId, start);
    let chain = early ?? chainFrom(start, fresh);
    let stopped = false;
    let gate: MergeGate | null = null;
    (async () => {
      let size = fresh ? -1 : total;
      let from = fresh ? 0 : firstChunk.length;
      let after = start;
      let first = fresh;
      const batch = new ChunkBatch<EditorSegment>();
      const merges = new MergeGate(() => {
        const taken = batch.take();
        if (!taken) return false;
        const reset = first;
        setSegments((prev) => mergeChunk(prev, taken.at, taken.rows, size, reset));
        first = false;
        setLoaded(from);
        return true;
      });
      gate = merges;
      for (;;) {
        const chunk = await chain.next();
        if (stopped) return;
        if (!chunk) {
          merges.flush();
          chain.stop();
          if (!early) return;
          early = null;
          chain = chainFrom(after, first);
          continue;
        }
        // Its rows' counts (the toolbar's figures) in a task of their own, then the merge in the next.
        await yieldToBrowser();
        if (stopped) return;
        countAhead(chunk.segments);
        await yieldToBrowser();
        if (stopped) return;
        if (size < 0) {
          size = chunk.total ?? from + chunk.segments.length;
          setTotal(size);
        }
        batch.add(from, chunk.segments);
        from += chunk.segments.length;
        // Each merge is a render of the editor: chunks are gathered for one (lib/editor/chunk-loading
        // mergeNow), and a batch held is merged when its time is up even if no chunk comes.
        merges.added({ last: chunk.next === null, chainReady: chain.ready(), rows: batch.rows });
        if (chunk.next === null) return;
        after = chunk.next;
        await yieldToBrowser();
      }
    })();
    return () => {
      stopped = true;
      gate?.stop();
      chain.stop();
    };
  }, [documentId, firstChunk, total, reloads, setSegments, setTotal, setLoaded]);
}
