"use client";

import { useTranslations } from "next-intl";
import { useId, useImperativeHandle, useState } from "react";
import { categoryLabelKey, severityLabelKey } from "@/lib/i18n/labels";
import { ERROR_CATEGORIES, ERROR_SEVERITIES, SEVERITY_PENALTY, type ErrorCategory, type ErrorSeverity } from "@/lib/review/quality";
import { nextStatus } from "@/lib/review/workflow";
import type { EditorSegment } from "./editor-types";
import type { ErrorTag, ReviewTransition } from "./use-review-actions";
import styles from "./editor.module.css";

// The keys as typed, the same in every language.
const APPROVE_KEYS = "Alt+Enter";
const REQUEST_KEYS = "Alt+Shift+Enter";

/** What the active segment's shortcuts ask of the review buttons (Alt+Enter, Alt+Shift+Enter). */
export interface ReviewCommands {
  approve: () => void;
  requestChanges: () => void;
}

/** Approve or request changes on the active segment (reviewers and owners), optionally tagging an MQM error. */
export function ReviewControls(props: {
  /** Filled with the commands the keyboard shortcuts run. */
  commands?: React.Ref<ReviewCommands>;
  segment: EditorSegment;
  reviewStages: number;
  /** Why approving is not open to this person (four eyes), shown beside the disabled button. */
  approveBlocked?: string | null;
  onReview: (transition: ReviewTransition, comment?: string, error?: ErrorTag) => Promise<string | null>;
}) {
  const t = useTranslations("review.controls");
  const tRoot = useTranslations();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState("");
  const [category, setCategory] = useState<ErrorCategory | "">("");
  const [severity, setSeverity] = useState<ErrorSeverity>("minor");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const canApprove = nextStatus("approve", props.segment.status, props.reviewStages) !== null;
  const canRequest = nextStatus("request_changes", props.segment.status, props.reviewStages) !== null;
  useImperativeHandle(props.commands, () => ({
    approve: () => void (canApprove && !props.approveBlocked && run("approve")),
    requestChanges: () => canRequest && setAsking(true),
  }));
  if (!canApprove && !canRequest) return null;
  async function run (transition: ReviewTransition, text?: string, tag?: ErrorTag) {
    const problem = await props.onReview(transition, text, tag);
    setError(problem);
    if (!problem) {
      setAsking(false);
      setComment("");
      setCategory("");
    }
  }
  return (
    <div className={styles.restructure}>
      {canApprove && (
        <button
          type="button"
          className={styles.reviewButton}
          data-action="approve"
          onClick={() => void run("approve")}
          disabled={!!props.approveBlocked}
          aria-describedby={props.approveBlocked ? `${id}-blocked` : undefined}
          title={t("approveHint", { keys: APPROVE_KEYS })}
          aria-keyshortcuts="Alt+Enter"
        >
          {props.segment.status === "translated" && props.reviewStages >= 2 ? t("markReviewed") : t("approve")}
        </button>
      )}
      {canApprove && props.approveBlocked && (
        <span id={`${id}-blocked`} className={styles.blockedNote}>
          {props.approveBlocked}
        </span>
      )}
      {canRequest && !asking && (
        <button type="button" className={styles.reviewButton} data-action="request-changes" onClick={() => setAsking(true)} title={t("requestChangesHint", { keys: REQUEST_KEYS })} aria-keyshortcuts="Alt+Shift+Enter">
          {t("requestChanges")}
        </button>
      )}
      {asking && (
        <div className={styles.splitForm}>
          <label htmlFor={id}>{t("whatToChange")}</label>
          <textarea id={id} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />
          <div>
            <label>
              {t("category")}{" "}
              <select value={category} onChange={(e) => setCategory(e.target.value as ErrorCategory | "")}>
                <option value="">{t("notAnError")}</option>
                {ERROR_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {tRoot(categoryLabelKey(c))}
                  </option>
                ))}
              </select>
            </label>{" "}
            <label>
              {t("severity")}{" "}
              <select value={severity} onChange={(e) => setSeverity(e.target.value as ErrorSeverity)} disabled={!category}>
                {ERROR_SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {t("severityOption", { severity: tRoot(severityLabelKey(s)), penalty: SEVERITY_PENALTY[s] })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div>
            <button type="button" disabled={!comment.trim()} onClick={() => void run("request_changes", comment, category ? { category, severity } : undefined)}>
              {t("sendBack")}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {t("cancel")}

            </button>
          </div>
        </div>
      )}
      {error && (
        <span role="alert" className={styles.fieldError}>
          {error}
        </span>
      )}
    </div>
  );
}
