"use client";

import { useTranslations } from "next-intl";
import { useState, type Ref } from "react";
import { ReviewControls, type ReviewCommands } from "./review-controls";
import type { EditorSegment } from "./editor-types";
import type { ErrorTag, ReviewTransition } from "./use-review-actions";
import styles from "./editor.module.css";

// The keys as typed (the same in every language); the ARIA names of the same keys.
const CONFIRM_KEYS = "Ctrl+Enter";
const CONFIRM_UNCONFIRMED_KEYS = "Ctrl+Shift+Enter";

/**
 * The active segment's buttons for what the keyboard does with Ctrl+Enter (confirm and go on) and,
 * for reviewers, Alt+Enter / Alt+Shift+Enter (approve / request changes): visible, for a mouse
 * user, with the shortcut in the tooltip.
 */
export function ConfirmBar(props: {
  segment: EditorSegment;
  editable: boolean;
  /** Confirms and goes on; "empty" when there is no text to confirm. */
  onConfirm: (nextUnconfirmed: boolean) => "empty" | null;
  review?: { reviewStages: number; approveBlocked: string | null; run: (transition: ReviewTransition, comment?: string, error?: ErrorTag) => Promise<string | null> };
  reviewCommands: Ref<ReviewCommands>;
}) {
  const t = useTranslations("editor.confirm");
  const { segment } = props;
  const [empty, setEmpty] = useState(false);
  const confirm = (nextUnconfirmed: boolean) => setEmpty(props.onConfirm(nextUnconfirmed) === "empty");
  if (!props.editable && !props.review) return null;
  return (
    <div className={styles.confirmBar} data-testid="confirm-bar">
      {props.editable && (
        <>
          <button
            type="button"
            className={styles.confirmButton}
            onClick={() => confirm(false)}
            title={t("confirmHint", { keys: CONFIRM_KEYS })}
            aria-keyshortcuts="Control+Enter"
          >
            {t("confirm")}
          </button>
          <button
            type="button"
            className={styles.confirmSecondary}
            onClick={() => confirm(true)}
            title={t("confirmUnconfirmedHint", { keys: CONFIRM_UNCONFIRMED_KEYS })}
            aria-keyshortcuts="Control+Shift+Enter"
          >
            {t("confirmUnconfirmed")}
          </button>
          {empty && (
            <span role="alert" className={styles.fieldError}>
              {t("empty")}
            </span>
          )}
        </>
      )}
      {props.review && (
        <ReviewControls
          key={`${segment.id}:${segment.version}`}
          commands={props.reviewCommands}
          segment={segment}
          reviewStages={props.review.reviewStages}
          approveBlocked={props.review.approveBlocked}
          onReview={props.review.run}
        />
      )}
    </div>
  );
}
