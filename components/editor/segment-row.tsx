"use client";

import { useTranslations } from "next-intl";
import { CommentIcon, EditingIcon, WarningIcon } from "@/components/ui/icons";
import { statusLabelKey } from "@/lib/i18n/labels";
import { memo } from "react";
import { InlineDiff } from "@/components/diff/inline-diff";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import { SourceText } from "./source-text";
import { KindBadge, StatusChip, WarningBadge } from "@/components/ui/badges";
import type { Finding } from "@/lib/qa/checks";
import { useFormat } from "@/lib/i18n/use-format";
import { isSegmentStatus } from "@/lib/review/segment-status";
import type { EditorSegment } from "./editor-types";

import { useQaText } from "./use-qa-text";
import { PropagatedBadge } from "./repetitions";
import { LiveNote } from "./live-status";
import type { LiveHighlightState } from "./use-live-collaboration";
import styles from "./editor.module.css";

/** A segment that is not being edited: click or Enter opens it. */
export const SegmentRow = memo(function SegmentRow(props: {
  segment: EditorSegment;
  displayTarget: string;
  /** In "changes since my last review": the text as the reviewer last approved it. */
  baseline?: string;
  sourceLang: string;
  targetLang: string;
  hasDraft: boolean;
  hasConflict: boolean;
  /** Other people in this segment right now (a soft lock: shown, not enforced). */
  lockedBy: string[] | undefined;
  findings: Finding[];
  glossary: GlossaryEntry[];
  /** Someone else just changed this row (shown for a few seconds). */
  liveNote?: LiveHighlightState;
  onActivate: () => void;
}) {
  const t = useTranslations("editor.row");
  const qaText = useQaText();
  const { segment } = props;
  return (
    <>
      <div className={styles.source} lang={props.sourceLang}>
        <SourceText source={segment.source} glossary={props.glossary} />
        {segment.truncated && (
          <div>
            <WarningBadge title={t("truncatedHint")}>
              <WarningIcon /> {t("truncated")}
            </WarningBadge>
          </div>
        )}
      </div>
      <div
        className={styles.target}
        lang={props.targetLang}
        role="button"
        tabIndex={0}
        aria-label={t("edit", { number: segment.position + 1 })}
        onClick={props.onActivate}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            props.onActivate();
          }
        }}
      >
        {props.baseline !== undefined && props.baseline !== props.displayTarget ? (
          <InlineDiff before={props.baseline} after={props.displayTarget} lang={props.targetLang} />
        ) : (
          props.displayTarget || <span className={styles.placeholder}>{t("notTranslated")}</span>
        )}
      </div>
      <div className={styles.meta}>
        <StatusChip status={segment.status} />
        {props.liveNote && <LiveNote note={props.liveNote} />}
        {segment.machineTranslated && (
          <span className={styles.mtBadge} title={t("mtHint")}>
            {t("mt")}
          </span>
        )}
        {segment.propagatedFrom !== undefined && <PropagatedBadge from={segment.propagatedFrom} />}
        {props.hasDraft && <WarningBadge title={t("unsavedHint")}>{t("unsaved")}</WarningBadge>}
        {props.hasConflict && <WarningBadge title={t("conflictHint")}>{t("conflict")}</WarningBadge>}
        {props.lockedBy && <LockBadge names={props.lockedBy} />}
        {segment.comments > 0 && (
          <span className={styles.commentBadge} title={t("comments", { count: segment.comments })}>
            <CommentIcon /> {segment.comments}
          </span>
        )}
        {segment.openIssues > 0 && <WarningBadge title={t("openIssueHint")}>{t("openIssue")}</WarningBadge>}
        {props.findings.length > 0 && (
          <span className={styles.qaBadge} data-testid="qa-badge" title={props.findings.map((f) => qaText.finding(f)).join("\n")}>
            {t("qaBadge", { count: props.findings.length })}
          </span>
        )}
      </div>
    </>
  );
});

export function RowHead({ segment, selection }: { segment: EditorSegment; selection?: { selected: boolean; onToggle: (shift: boolean) => void } }) {
  const t = useTranslations("editor.row");
  return (
    <div className={styles.rowHead}>
      {selection && (
        <input
          type="checkbox"
          className={styles.select}
          checked={selection.selected}
          aria-label={t("select", { number: segment.position + 1 })}
          onChange={() => undefined}
          onClick={(e) => selection.onToggle(e.shiftKey)}
        />
      )}
      <span className={styles.number}>{segment.position + 1}</span>
      <KindBadge kind={segment.kind} />
    </div>
  );
}

/** Someone else is in this segment: editing still works, but a save may meet a conflict. */
export function LockBadge({ names }: { names: string[] }) {
  const t = useTranslations("editor.row");
  const f = useFormat();
  return (
    <span className={styles.lock} data-testid="soft-lock" title={t("lockHint")}>
      <EditingIcon /> <span>{t("editing", { names: f.list(names) })}</span>
    </span>
  );
}

/** The active row's status, and whether this person may edit it. */
export function StatusLine({ segment, editable }: { segment: EditorSegment; editable: boolean }) {
  const t = useTranslations("editor.row");
  const tRoot = useTranslations();
  return (
    <>
      <span className={styles.statusText} data-status={segment.status}>
        {isSegmentStatus(segment.status) ? tRoot(statusLabelKey(segment.status)) : segment.status}
      </span>
      {segment.propagatedFrom !== undefined && <PropagatedBadge from={segment.propagatedFrom} />}
      {!editable && <span className={styles.readOnlyNote}>{t("readOnly")}</span>}
    </>
  );
}
