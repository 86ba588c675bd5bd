"use client";

import styles from "./editor.module.css";

/** Bulk approval for reviewers: the ticked segments, or everything the filters show. */
export function ReviewBar(props: {
  shown: number;
  selected: number;
  message: string | null;
  onApproveShown: () => void;
  onApproveSelected: () => void;
  onClearSelection: () => void;
  sinceReview: { on: boolean; error: string | null; onToggle: () => void };
}) {
  return (
    <div className={styles.bulkBar}>
      <button type="button" className={styles.toolButton} onClick={props.onApproveShown}>
        Approve all shown ({props.shown.toLocaleString("en")})
      </button>
      {props.selected > 0 && (
        <>
          <button type="button" className={styles.toolButton} onClick={props.onApproveSelected}>
            Approve selected ({props.selected.toLocaleString("en")})
          </button>
          <button type="button" className={styles.toolButton} onClick={props.onClearSelection}>
            Clear selection
          </button>
        </>
      )}
      <label className={styles.hint}>
        <input type="checkbox" checked={props.sinceReview.on} onChange={props.sinceReview.onToggle} /> Changes since my last review
      </label>
      {props.sinceReview.error && <span role="alert">{props.sinceReview.error}</span>}
      {props.selected === 0 && <span className={styles.hint}>Tick segments (Shift for a range) to approve just those.</span>}
      {props.message && (
        <span role="status" data-testid="bulk-result">
          {props.message}
        </span>
      )}
    </div>
  );
}
