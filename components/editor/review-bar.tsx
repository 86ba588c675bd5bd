"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("review.bar");
  return (
    <div className={styles.bulkBar}>
      <button type="button" className={styles.toolButton} onClick={props.onApproveShown}>
        {t("approveShown", { count: props.shown })}
      </button>
      {props.selected > 0 && (
        <>
          <button type="button" className={styles.toolButton} onClick={props.onApproveSelected}>
            {t("approveSelected", { count: props.selected })}
          </button>
          <button type="button" className={styles.toolButton} onClick={props.onClearSelection}>
            {t("clearSelection")}
          </button>
        </>
      )}
      <label className={styles.hint}>
        <input type="checkbox" checked={props.sinceReview.on} onChange={props.sinceReview.onToggle} /> {t("sinceMyReview")}
      </label>
      {props.sinceReview.error && <span role="alert">{props.sinceReview.error}</span>}
      {props.selected === 0 && <span className={styles.hint}>{t("tickHint")}</span>}

      {props.message && (
        <span role="status" data-testid="bulk-result">
          {props.message}
        </span>
      )}
    </div>
  );
}
