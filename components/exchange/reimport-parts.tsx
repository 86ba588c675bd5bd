"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, type MouseEvent, type ReactNode } from "react";
import { ui } from "@/components/ui/page-header";
import styles from "./exchange.module.css";

/**
 * The pieces both re-import reviews are built of — the plain one (reimport-wizard.tsx: ticked
 * changes) and Word's tracked changes (tracked-review.tsx: accepted or rejected changes): the card
 * with its summary, list, error and buttons; what was applied; a segment's heading and source; a
 * member picker.
 */

/**
 * A heading that takes the keyboard focus when it appears: each re-import step replaces the one
 * whose button was pressed, which would leave the focus nowhere (on the page). A screen reader
 * then reads the heading and, as its description, the paragraph under it (`describedBy`).
 */
function FocusedHeading(props: { id: string; describedBy: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h2 id={props.id} ref={heading} tabIndex={-1} aria-describedby={props.describedBy} className={ui.sectionTitle}>
      {props.children}
    </h2>
  );
}

/** The review card: summary, one item per segment, the refusal if any, "another file" and the apply button. */
export function ReimportCard(props: {
  label: string;
  summary: string;
  /** Above the list (the tracked review's author pickers and accept/reject-all). */
  before?: ReactNode;
  children: ReactNode;
  error: string | null;
  onBack: () => void;
  pending: boolean;
  applyLabel: string;
  applyDisabled: boolean;
  onApply: () => void;
  /** Below the list (the plain review's "show more"). */
  afterList?: ReactNode;
  /** Below the buttons (a progress bar). */
  after?: ReactNode;
}) {
  const t = useTranslations("exchange");
  const id = useId();
  return (
    <section className={`${ui.card} ${ui.padded}`} aria-labelledby={`${id}-heading`}>
      <FocusedHeading id={`${id}-heading`} describedBy={`${id}-summary`}>
        {props.label}
      </FocusedHeading>
      <p id={`${id}-summary`} data-testid="reimport-summary">
        {props.summary}
      </p>
      {props.before}
      <ol className={styles.changes}>{props.children}</ol>
      {props.afterList}
      {props.error && (
        <p role="alert" className={styles.error}>
          {props.error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="button" className={ui.button} disabled={props.pending} onClick={props.onBack}>
          {t("reimport.another")}
        </button>
        {/* aria-disabled while applying, not disabled: a disabled button drops the keyboard focus to the page. */}
        <button
          type="button"
          className={`${ui.button} ${ui.primary}`}
          disabled={!props.pending && props.applyDisabled}
          aria-disabled={props.pending || undefined}
          aria-busy={props.pending || undefined}
          onClick={() => !props.pending && props.onApply()}
        >
          {props.pending ? t("reimport.applying") : props.applyLabel}
        </button>
      </div>
      {props.after}
    </section>
  );
}

/** What a re-import applied, in place of its review, with the way to the editor. */
export function ReimportDone(props: { text: string; documentId: string }) {
  const t = useTranslations("exchange");
  const id = useId();
  return (
    <section className={`${ui.card} ${ui.padded}`} role="status" aria-labelledby={`${id}-heading`} data-testid="reimport-done">
      <FocusedHeading id={`${id}-heading`} describedBy={`${id}-text`}>
        {t("reimport.done")}
      </FocusedHeading>
      <p id={`${id}-text`}>
        {props.text} <Link href={`/documents/${props.documentId}/edit`}>{t("reimport.openEditor")}</Link>
      </p>
    </section>
  );
}

/**
 * A segment's heading — "#12", whether it is a conflict, why it cannot be changed — then its
 * Chinese source. `control` goes before the number (the plain review's checkbox); with it the
 * heading is the checkbox's label.
 */
export function SegmentHeading(props: { number: number; conflict: boolean; refused: string | null; source: string; control?: ReactNode }) {
  const t = useTranslations("exchange");
  const heading = (
    <>
      {props.control}
      {props.control ? " " : null}#{props.number}
      {props.conflict && <strong> {t("reimport.conflict")}</strong>}
      {props.refused && <em> — {t("reimport.refused", { reason: props.refused })}</em>}
    </>
  );
  return (
    <>
      {props.control ? <label className={styles.choice}>{heading}</label> : <div className={styles.choice}>{heading}</div>}
      <div className={styles.source} lang="zh-CN">
        {props.source}
      </div>
    </>
  );
}

/** A labelled choice of project member (who made a tracked change, who made the untracked edits). */
export function MemberPicker(props: { text: string; ariaLabel: string; value: string; onChange: (id: string) => void; people: { id: string; label: string }[] }) {
  return (
    <label>
      {props.text}{" "}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-label={props.ariaLabel}>
        {props.people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Focuses the first control of the list's row at `index` once React has rendered it. The page's
 * state is set when the fetch answers, but React commits it in a later task — after the next
 * animation frame on a busy machine — so this waits for the row rather than for a frame.
 */
function focusWhenAdded(list: Element, index: number) {
  const focusRow = () => {
    const row = list.children[index];
    if (!row) return false;
    row.querySelector<HTMLElement>("input:not([disabled]), button:not([disabled])")?.focus();
    return true;
  };
  if (focusRow()) return;
  const observer = new MutationObserver(() => {
    if (focusRow()) observer.disconnect();
  });
  observer.observe(list, { childList: true });
  // A page that never comes (a refused request) stops the wait.
  setTimeout(() => observer.disconnect(), 10_000);
}

/** Below a review's list while part of the kept plan is still on the server: how much is shown, and "Show more". */
export function ShowMore(props: { shown: string; onMore: () => Promise<void> | void; loading: boolean }) {
  const t = useTranslations("exchange");
  const paragraph = useRef<HTMLParagraphElement>(null);
  async function more(event: MouseEvent<HTMLButtonElement>) {
    if (props.loading) return;
    // Pressed by keyboard (a click with no pointer count): carry on from the first row just
    // loaded, rather than after the whole list — and the button is gone after the last page.
    const byKeyboard = event.detail === 0;
    const list = paragraph.current?.previousElementSibling ?? null;
    const before = list?.children.length ?? 0;
    await props.onMore();
    if (byKeyboard && list) focusWhenAdded(list, before);
  }
  return (
    <p className={styles.more} ref={paragraph}>
      <span data-testid="reimport-shown" aria-live="polite">
        {props.shown}
      </span>{" "}
      {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page. */}
      <button type="button" className={ui.button} onClick={more} aria-disabled={props.loading}>
        {t("reimport.showMore")}
      </button>
    </p>
  );
}
