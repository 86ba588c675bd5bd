/**
 * Where to scroll a list so that one row is fully visible: the editor's open segment, whose height
 * is only known once it has opened (a form, buttons, QA findings…), so the virtualiser's own
 * scroll-to-index, computed on the closed row's height, can leave part of it off screen.
 */
export interface RevealInput {
  /** The row's top in the scrolled content (px from the content's top, not the viewport's). */
  rowTop: number;
  rowHeight: number;
  /** The current scrollTop. */
  viewportTop: number;
  /** The viewport's visible height (clientHeight). */
  viewportHeight: number;
  /** Room kept above the row when scrolling up to it (clamped to what the viewport can spare). */
  marginTop?: number;
  /** Room kept below the row when scrolling down to it. */
  marginBottom?: number;
  /** The largest scrollTop the content allows (scrollHeight - clientHeight); no limit when absent. */
  maxScrollTop?: number;
}

/**
 * The scrollTop that shows the whole row, moving as little as possible: a row below the viewport
 * comes up to its bottom edge, one above comes down to its top edge; a row taller than the viewport
 * shows its top (where the source and the field begin). Null when the row is already in view (with
 * its margins), so a row the user can see is never moved under them.
 */
export function revealScrollTop(input: RevealInput): number | null {
  const { rowTop, rowHeight, viewportTop, viewportHeight } = input;
  if (viewportHeight <= 0) return null;
  const rowBottom = rowTop + rowHeight;
  // Margins only where there is room for them beside the row; a tall row gets none.
  const spare = Math.max(0, viewportHeight - rowHeight);
  const marginTop = Math.min(Math.max(0, input.marginTop ?? 0), spare);
  const marginBottom = Math.min(Math.max(0, input.marginBottom ?? 0), spare - marginTop);

  let target: number;
  if (rowHeight > viewportHeight) {
    // Taller than the viewport: its top at the top, unless the user already sees its top there.
    target = rowTop;
  } else if (rowTop - marginTop < viewportTop) {
    target = rowTop - marginTop;
  } else if (rowBottom + marginBottom > viewportTop + viewportHeight) {
    target = rowBottom + marginBottom - viewportHeight;
  } else {
    return null;
  }
  const max = input.maxScrollTop ?? Number.POSITIVE_INFINITY;
  target = Math.round(Math.max(0, Math.min(target, max)));
  // Sub-pixel differences are not worth a scroll (and would re-trigger one on every measurement).
  return Math.abs(target - viewportTop) < 1 ? null : target;
}
