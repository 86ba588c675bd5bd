"use client";

import type { Virtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from "react";
import { revealScrollTop } from "@/lib/editor/reveal-row";

/** Room left between the open row and the list's edge it is brought to: a sliver of the next row shows there is more. */
const MARGIN = 12;
/** How long (frames) a row scrolled to from afar is watched while the list settles, at most. */
const SETTLE_FRAMES = 120;
/** The list has settled once the row has stayed mounted this many frames. */
const SETTLED_FRAMES = 10;
/** How often (frames) the scroll to a row out of range is asked for again while settling. */
const RETRY_FRAMES = 8;

interface Reveal {
  segmentId: string;
  /** The row's element once found (the virtualised row, observed for growth). */
  row: HTMLElement | null;
  /** The row's place and height when last revealed: it is revealed again only when they change. */
  start: number;
  height: number;
}

/**
 * Keeps the open segment's whole row in view when the active segment changes (issue: Ctrl+↓ left
 * it partly off screen). The virtualiser's scrollToIndex aims at the row as it is measured at that
 * moment — closed and short — and the row then grows when it opens (the field, buttons, QA,
 * suggestions arriving later), so the target was computed on the wrong height. Here the row is
 * revealed once it is open and measured, from its real height (lib/editor/reveal-row.ts), and again
 * whenever its box changes (it grew, a row above it was measured) — until the user scrolls
 * themselves. A scroll alone never re-reveals (the row's box did not change), so the browser's find
 * or the user's own scrolling is not fought.
 *
 * Returns `reveal`, to reveal the open row again though it did not change (a jump to the segment
 * already open), and `onVirtualizerChange`, for the virtualiser's onChange (its measurements).
 */
export function useRevealActiveRow(input: {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  scrollRef: RefObject<HTMLDivElement | null>;
  activeId: string | null;
  /** The active segment's place in the list shown (-1 when a filter hides it); asked only when its row is not mounted. */
  activeIndex: () => number;
}) {
  const { scrollRef, activeId } = input;
  const latest = useRef(input);
  latest.current = input;
  const current = useRef<Reveal | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const mountWait = useRef<number | undefined>(undefined);

  /** Scrolls the open row into view if its box changed since the last time (or `force`). */
  const revealNow = useCallback((force = false) => {
    const reveal = current.current;
    const scroller = scrollRef.current;
    if (!reveal || !scroller) return;
    const { virtualizer } = latest.current;
    const row = reveal.row?.isConnected ? reveal.row : findRow(scroller, reveal.segmentId);
    if (!row) return;
    // The row's place in the list shown is on the row (this runs on every scroll event while
    // revealing: no search of the list); a mounted row is among the virtual items, measured as of now.
    const activeIndex = Number(row.dataset.index);
    const item = virtualizer.getVirtualItems().find((i) => i.index === activeIndex);
    if (!item) return;
    if (row !== reveal.row) {
      reveal.row = row;
      observer.current?.disconnect();
      observer.current?.observe(row);
    }
    // Its place from the virtualiser (the transform on screen may be a render behind); its height
    // from the element itself (the virtualiser may not have measured the opened row yet).
    const start = item.start;
    const height = row.getBoundingClientRect().height;
    if (!force && Math.abs(start - reveal.start) < 1 && Math.abs(height - reveal.height) < 1) return;
    reveal.start = start;
    reveal.height = height;
    const viewportHeight = scroller.clientHeight;
    const target = revealScrollTop({
      rowTop: start,
      rowHeight: height,
      viewportTop: scroller.scrollTop,
      viewportHeight,
      marginTop: MARGIN,
      marginBottom: MARGIN,
      // The list's height as the virtualiser will lay it out (the element's may be a render behind).
      maxScrollTop: Math.max(0, Math.max(virtualizer.getTotalSize(), start + height) - viewportHeight),
    });
    if (target !== null) virtualizer.scrollToOffset(target);
  }, [scrollRef]);

  const stop = useCallback(() => {
    current.current = null;
    observer.current?.disconnect();
    window.cancelAnimationFrame(mountWait.current ?? 0);
  }, []);

  /** Starts revealing the open row: at once if it is mounted, else once the virtualiser has scrolled it into range. */
  const start = useCallback((segmentId: string | null) => {
    stop();
    const scroller = scrollRef.current;
    if (!segmentId || !scroller) return;
    current.current = { segmentId, row: null, start: Number.NaN, height: Number.NaN };
    observer.current ??= new ResizeObserver(() => revealNow());
    const row = findRow(scroller, segmentId);
    if (row) {
      // Observing delivers the row's size once laid out — after the virtualiser's own observer
      // (created first) has measured the rows that opened and closed — and reveals it then.
      current.current.row = row;
      observer.current.observe(row);
      return;
    }
    // Far away: only the virtualiser can bring it into range (centred, as a jump should be), on
    // estimated heights of the rows between. Until it has settled, every frame: the row, once
    // mounted, is revealed from its real height — and when the rows measured on the way push it out
    // of range again, or a scroll asked for while the list was still the server's rows (a
    // ?segment=N link, just after hydration) was cut short to their height, it is asked for again.
    const { virtualizer } = latest.current;
    const activeIndex = latest.current.activeIndex();
    if (activeIndex < 0) return;
    virtualizer.scrollToIndex(activeIndex, { align: "center" });
    let frames = 0;
    let inRange = 0;
    const settle = () => {
      if (current.current?.segmentId !== segmentId) return;
      frames++;
      if (findRow(scroller, segmentId)) {
        revealNow();
        inRange++;
      } else {
        inRange = 0;
        if (frames % RETRY_FRAMES === 0) {
          const index = latest.current.activeIndex();
          if (index >= 0) latest.current.virtualizer.scrollToIndex(index, { align: "center" });
        }
      }
      if (frames < SETTLE_FRAMES && inRange < SETTLED_FRAMES) mountWait.current = window.requestAnimationFrame(settle);
    };
    mountWait.current = window.requestAnimationFrame(settle);
  }, [revealNow, scrollRef, stop]);

  // A new active segment is revealed before the browser paints it where it was. The first one (the
  // top of the list on arrival) is where the page starts.
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    start(activeId);
  }, [activeId, start]);

  // The user scrolling themselves ends the revealing: a row growing after that is left alone.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const onKey = (e: KeyboardEvent) => {
      // Page Up/Down scroll the list even from the field; arrows, Home and End only move the caret there.
      if (e.key === "PageUp" || e.key === "PageDown" || (SCROLL_KEYS.has(e.key) && !isTextField(e.target))) stop();
    };
    // A press in the list (its scrollbar, a row, a button in the open row) is the user taking over too.
    const events = ["wheel", "touchmove", "pointerdown"] as const;
    events.forEach((type) => scroller.addEventListener(type, stop, { passive: true }));
    scroller.addEventListener("keydown", onKey);
    return () => {
      events.forEach((type) => scroller.removeEventListener(type, stop));
      scroller.removeEventListener("keydown", onKey);
      stop();
      observer.current?.disconnect();
    };
  }, [scrollRef, stop]);

  return {
    reveal: useCallback(() => start(latest.current.activeId), [start]),
    /** The virtualiser measured or scrolled: if that moved or resized the open row, reveal it again. */
    onVirtualizerChange: useCallback(() => revealNow(), [revealNow]),
  };
}

const SCROLL_KEYS = new Set(["Home", "End", "ArrowUp", "ArrowDown"]);

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT");
}

/** The segment's row as the virtualiser places it (not the server-rendered one in the normal flow before hydration). */
function findRow(scroller: HTMLElement, segmentId: string): HTMLElement | null {
  const row = scroller.querySelector<HTMLElement>(`[data-testid="editor-row"][data-segment-id="${CSS.escape(segmentId)}"]`);
  return row && row.style.transform ? row : null;
}
