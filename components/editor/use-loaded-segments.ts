"use client";

import { useMemo, useRef } from "react";
import { LoadedSegments, type SegmentStats } from "@/lib/editor/loaded-segments";
import type { EditorSegment } from "./editor-types";

/**
 * The toolbar's counts and the id → index map of the editor's segments, kept incrementally
 * (lib/editor/loaded-segments): each render counts only the slots whose segment changed since the
 * last one — a chunk's rows, a saved row — not all 50,000 again. The map is the same object
 * throughout (read it when needed, it is always current for the last render).
 */
export function useLoadedSegments(segments: readonly (EditorSegment | undefined)[]): { stats: SegmentStats; indexById: ReadonlyMap<string, number> } {
  const loaded = useRef<LoadedSegments<EditorSegment> | null>(null);
  loaded.current ??= new LoadedSegments<EditorSegment>();
  const tracker = loaded.current;
  // A render that is thrown away only moves the tracker to that array; the next one diffs from there.
  return useMemo(() => {
    tracker.update(segments);
    return { stats: tracker.stats(), indexById: tracker.indexById };
  }, [segments, tracker]);
}
