"use client";

import { useRef, type RefObject } from "react";

/**
 * Who gets the focus when the open row's form mounts. A row the person opened (a click, a move,
 * Go to #) takes it. The row open from the start, and a form that starts over (someone else's
 * text arrived, a restore), take it only while the focus is nowhere else — on the page itself or
 * in the rows: the first form mounts after hydration (its module loads late), and by then the
 * person may be typing in Go to # or the search, where a stolen focus sent their keys into the
 * segment's text.
 */
export function useOpenRowFocus(rows: RefObject<HTMLElement | null>) {
  const wanted = useRef(false);
  return {
    /** The person opened a row: its form takes the focus. */
    want: () => {
      wanted.current = true;
    },
    /** Asked once by each form as it mounts. */
    claim: () => {
      const opened = wanted.current;
      wanted.current = false;
      return opened || focusIsFree(rows.current);
    },
  };
}

function focusIsFree(rows: HTMLElement | null): boolean {
  const focused = document.activeElement;
  return !focused || focused === document.body || focused === document.documentElement || !!rows?.contains(focused);
}
