"use client";

import { useEffect, useRef, type RefObject } from "react";
import type { Navigation } from "./active-segment";
import { UNCONFIRMED_STATUSES, type EditorSegment } from "./editor-types";

/**
 * Moving between segments: next / previous / next unconfirmed among the rows shown, a jump to a
 * segment by its number (clearing filters that would hide it), and opening at the segment the URL
 * names once it has loaded. Reads the segments and the list as of the last render. Scrolling is not
 * done here: the open row is revealed once it has opened and been measured (use-reveal-active-row.ts).
 */
export function useSegmentNavigation(input: {
  segmentsRef: RefObject<(EditorSegment | undefined)[]>;
  visibleIndexes: number[];
  indexById: ReadonlyMap<string, number>;
  activeId: string | null;
  /** Opens a segment (the user moved: presence hears of it). */
  open: (segmentId: string) => void;
  clearFilter: () => void;
  /** Brings the open row into view again (a move to the segment already open: no new row reveals itself). */
  reveal: () => void;
  /** From ?segment=N. */
  initialSegment: number | undefined;
  loaded: number;
  total: number;
}) {
  const { segmentsRef, visibleIndexes, indexById, activeId, open, clearFilter, reveal, loaded, total } = input;

  function navigate(where: Navigation) {
    const current = activeId ? visibleIndexes.indexOf(indexById.get(activeId) ?? -1) : -1;
    let target = -1;
    if (where === "previous") target = Math.max(0, current - 1);
    else if (where === "next") target = Math.min(visibleIndexes.length - 1, current + 1);
    else {
      for (let k = current + 1; k < visibleIndexes.length; k++) {
        const s = segmentsRef.current[visibleIndexes[k]!];
        if (s && UNCONFIRMED_STATUSES.has(s.status)) {
          target = k;
          break;
        }
      }
      if (target === -1) target = Math.min(visibleIndexes.length - 1, current + 1);
    }
    const segment = segmentsRef.current[visibleIndexes[target] ?? -1];
    if (!segment) return;
    open(segment.id);
    // At either end the segment stays open (no new row reveals itself): it may have been scrolled away from.
    if (segment.id === activeId) reveal();
  }

  /** Jumps to a segment by its number (clearing filters that would hide it). */
  function goTo(segmentNumber: number) {
    const index = Math.min(segmentNumber, segmentsRef.current.length) - 1;
    const segment = segmentsRef.current[index];
    if (!segment) return;
    clearFilter();
    open(segment.id);
    // A new segment is revealed (centred, when far) and focuses itself. Going to the one already
    // open brings it back into view and the caret back in it — a frame later, once a filter just
    // cleared has put it back in the list.
    if (segment.id !== activeId) return;
    requestAnimationFrame(() => {
      reveal();
      document.getElementById(`target-${segment.id}`)?.focus({ preventScroll: true });
    });
  }

  // Open at the segment the URL names, once it has loaded.
  const pendingGoTo = useRef(input.initialSegment && input.initialSegment > 1 ? input.initialSegment : 0);
  useEffect(() => {
    const wanted = pendingGoTo.current;
    if (!wanted || (loaded < Math.min(wanted, total) && loaded < total)) return;
    pendingGoTo.current = 0;
    goTo(wanted);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, total]);

  return { navigate, goTo };
}
