"use client";

import { CommentIcon, EditingIcon, WarningIcon } from "@/components/ui/icons";
import { statusLabel } from "@/lib/review/segment-status";
import { memo } from "react";
import { InlineDiff } from "@/components/diff/inline-diff";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import { SourceText } from "./source-text";
import { KindBadge, StatusChip, WarningBadge } from "@/components/ui/badges";
import type { Finding } from "@/lib/qa/checks";
import type { EditorSegment } from "./editor-types";
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
  onActivate: () => void;
}) {
  const { segment } = props;
  return (
    <>
      <div className={styles.source} lang={props.sourceLang}>
        <SourceText source={segment.source} glossary={props.glossary} />
        {segment.truncated && (
          <div>
            <WarningBadge title="Ends mid-sentence; part of the original may be missing.">
              <WarningIcon /> Probably truncated
            </WarningBadge>
          </div>
        )}
      </div>
      <div
        className={styles.target}
        lang={props.targetLang}
        role="button"
        tabIndex={0}
        aria-label={`Edit translation of segment ${segment.position + 1}`}
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
          props.displayTarget || <span className={styles.placeholder}>Not translated yet</span>
        )}
      </div>
      <div className={styles.meta}>
        <StatusChip status={segment.status} />
        {segment.machineTranslated && (
          <span className={styles.mtBadge} title="Machine translation, not yet edited by a person">
            MT
          </span>
        )}
        {props.hasDraft && <WarningBadge title="Typed but not yet saved on the server">Unsaved</WarningBadge>}
        {props.hasConflict && <WarningBadge title="Someone else saved this segment while you edited it">Conflict</WarningBadge>}
        {props.lockedBy && <LockBadge names={props.lockedBy} />}
        {segment.comments > 0 && (
          <span className={styles.commentBadge} title={`${segment.comments} comment${segment.comments === 1 ? "" : "s"}`}>
            <CommentIcon /> {segment.comments}
          </span>
        )}
        {segment.openIssues > 0 && <WarningBadge title="An open issue blocks approval">Open issue</WarningBadge>}
        {props.findings.length > 0 && (
          <span className={styles.qaBadge} data-testid="qa-badge" title={props.findings.map((f) => f.message).join("\n")}>
            QA {props.findings.length}
          </span>
        )}
      </div>
    </>
  );
});

export function RowHead({ segment, selection }: { segment: EditorSegment; selection?: { selected: boolean; onToggle: (shift: boolean) => void } }) {
  return (
    <div className={styles.rowHead}>
      {selection && (
        <input
          type="checkbox"
          className={styles.select}
          checked={selection.selected}
          aria-label={`Select segment ${segment.position + 1}`}
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
  return (
    <span className={styles.lock} data-testid="soft-lock" title="Another person is working on this segment">
      <EditingIcon /> <span>{names.join(", ")} editing</span>
    </span>
  );
}

/** The active row's status, and whether this person may edit it. */
export function StatusLine({ segment, editable }: { segment: EditorSegment; editable: boolean }) {
  return (
    <>
      <span className={styles.statusText} data-status={segment.status}>
        {statusLabel(segment.status)}
      </span>
      {!editable && <span className={styles.readOnlyNote}>read-only for your role</span>}
    </>
  );
}
