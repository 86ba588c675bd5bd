"use client";

import { useId, useState } from "react";
import { nextStatus } from "@/lib/review/workflow";
import type { EditorSegment } from "./editor-types";
import styles from "./editor.module.css";

/** Approve or request changes on the active segment (reviewers and owners). */
export function ReviewControls(props: {
  segment: EditorSegment;
  reviewStages: number;
  onReview: (transition: "approve" | "request_changes", comment?: string) => Promise<string | null>;
}) {
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const canApprove = nextStatus("approve", props.segment.status, props.reviewStages) !== null;
  const canRequest = nextStatus("request_changes", props.segment.status, props.reviewStages) !== null;
  if (!canApprove && !canRequest) return null;
  const run = async (transition: "approve" | "request_changes", text?: string) => {
    const problem = await props.onReview(transition, text);
    setError(problem);
    if (!problem) {
      setAsking(false);
      setComment("");
    }
  };
  return (
    <div className={styles.restructure}>
      {canApprove && (
        <button type="button" onClick={() => void run("approve")}>
          Approve
        </button>
      )}
      {canRequest && !asking && (
        <button type="button" onClick={() => setAsking(true)}>
          Request changes…
        </button>
      )}
      {asking && (
        <div className={styles.splitForm}>
          <label htmlFor={id}>What needs to change? (the translator sees this comment)</label>
          <textarea id={id} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />
          <div>
            <button type="button" disabled={!comment.trim()} onClick={() => void run("request_changes", comment)}>
              Send back
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              Cancel
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
