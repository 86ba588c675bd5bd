"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/i18n/use-format";
import { repetitionSkipKey } from "@/lib/i18n/labels";
import type { PropagationReport } from "@/lib/repetitions/propagate";
import type { SkipCode } from "@/lib/repetitions/select";
import styles from "./repetitions.module.css";

/** Two arrows fanning out from one point: a text copied to its repetitions. */
function PropagateIcon() {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" style={{ verticalAlign: "-0.125em", flex: "none" }}>
      <path d="M2 8h5M7 8l6-4.5M7 8l6 4.5M10.5 3h2.5v2.5M10.5 13h2.5v-2.5" />
    </svg>
  );
}

/** A row whose English was propagated from a confirmed repetition and not written by anyone since. */
export function PropagatedBadge({ from }: { from: number }) {
  const t = useTranslations("editor.repetitions");
  return (
    <span className={styles.badge} data-testid="propagated-badge" title={t("badgeHint", { number: from })}>
      <PropagateIcon /> {t("badge", { number: from })}
    </span>
  );
}

/** Why a repetition kept its text, as shown after a confirm. */
function useSkipLabel() {
  const t = useTranslations();
  return (code: SkipCode | "changed-since") => t(repetitionSkipKey(code));
}

export interface PropagationNoticeState {
  report: PropagationReport;
  /** Set once undone: how many came back and how many were left because they changed since. */
  undone?: { restored: number; skipped: number };
  error?: string | null;
  busy?: boolean;
}

/**
 * After a confirm that reached repetitions: how many took the text, which kept theirs and why,
 * and one button that undoes the whole propagation.
 */
export function PropagationNotice({ state, onUndo, onClose }: { state: PropagationNoticeState; onUndo: () => void; onClose: () => void }) {
  const t = useTranslations("editor.repetitions");
  const f = useFormat();
  const skipLabel = useSkipLabel();
  const { report } = state;
  const skipped = report.skipped.filter((s) => s.code !== "unchanged");
  return (
    <div className={styles.notice} role="status" data-testid="propagation-notice">
      {state.undone ? (
        <span>{t("undone", { restored: state.undone.restored, skipped: state.undone.skipped })}</span>
      ) : (
        <>
          <span>{t("propagated", { count: report.propagated.length, number: report.fromNumber })}</span>
          {skipped.length > 0 && (
            <span className={styles.skipped}>
              {t("skippedList", { list: f.list(skipped.slice(0, 8).map((s) => t("skippedItem", { number: s.position + 1, reason: skipLabel(s.code) }))), more: Math.max(0, skipped.length - 8) })}
            </span>
          )}
          {report.batch && (
            <button type="button" onClick={onUndo} disabled={state.busy}>
              {t("undo")}
            </button>
          )}
        </>
      )}
      {state.error && <span role="alert">{state.error}</span>}
      <button type="button" onClick={onClose} aria-label={t("close")}>
        ×
      </button>
    </div>
  );
}
