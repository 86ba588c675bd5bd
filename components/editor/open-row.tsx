"use client";

import { useTranslations } from "next-intl";
import { can } from "@/lib/auth/permissions";
import { fourEyesBlock } from "@/lib/review/workflow";
import { ActiveSegment } from "./active-segment";
import type { EditorRowContext } from "./editor-row";
import type { EditorSegment } from "./editor-types";
import { LiveNote } from "./live-status";
import { StatusLine } from "./segment-row";
import { SentencePairs } from "./sentence-pairs";
import { SourceText } from "./source-text";
import styles from "./editor.module.css";

/*
 * The open row in a module of its own, loaded after the editor has hydrated (editor-row.tsx,
 * loadOpenRow): the form and what it brings — react-hook-form, comments, history, spelling marks,
 * suggestions, review and restructure controls — are not needed for the first rows, and evaluating
 * them made hydration's task longer (issue 18).
 */

/** The active row's body: the source (select Chinese text to look it up), its sentence pairs, the form and its status line. */
export function OpenRow({ segment, context: c }: { segment: EditorSegment; context: EditorRowContext }) {
  const t = useTranslations("editor");
  const conflict = c.conflicts[segment.id];
  const { restores, undoable } = c;
  const a = c.actions;
  return (
    <>
      <div
        className={styles.source}
        lang={c.sourceLang}
        title={t("lookUpHint")}
        onMouseUp={() => {
          const selected = window.getSelection()?.toString().trim() ?? "";
          if (selected && /\p{Script=Han}/u.test(selected)) a.setDictionaryQuery(selected.slice(0, 40));
        }}
      >
        <SourceText source={segment.source} glossary={c.glossary} />
      </div>
      <SentencePairs segmentId={segment.id} source={segment.source} glossary={c.glossary} />
      <ActiveSegment
        key={`${segment.id}:${c.reloadKey}:${restores}:${segment.propagatedFrom ?? ""}:${conflict?.live ? "" : (conflict?.theirs.version ?? "")}:${conflict?.merging ? "m" : ""}:${c.live.formKeys[segment.id] ?? 0}`}
        segment={segment}
        sourceLang={c.sourceLang}
        dictionaryQuery={c.dictionaryQuery}
        onCloseDictionary={() => a.setDictionaryQuery(null)}
        initialText={c.editing[segment.id] ?? (conflict?.mine || segment.target)}
        editable={a.canEdit(segment)}
        targetLang={c.targetLang}
        conflict={conflict}
        lockedBy={c.lockedBy.get(segment.id)}
        findings={c.findingsOf(segment)}
        onChange={(text) => a.typed(segment, text)}
        onSave={(text, confirm) => a.save(segment.id, text, confirm)}
        onDiscard={() => a.discard(segment.id)}
        onNavigate={a.navigate}
        claimFocus={a.claimFocus}
        onResolveConflict={(choice, text) => a.resolveConflict(segment.id, choice, text)}
        comments={{
          userId: c.user.id,
          members: c.members,
          onCounts: (comments, openIssues) => a.updateSegment(segment.id, { comments, openIssues }),
          reloadKey: c.live.commentKeys[segment.id],
        }}
        baseline={c.baselines?.[segment.id]}
        history={{
          sourceLang: c.sourceLang,
          canRestore: true,
          openInitially: c.historyOpen.current,
          onToggle: (open) => (c.historyOpen.current = open),
          pane: c.historyPane,
          restore: (revision) => a.restoreRevision(segment, revision.id),
        }}
        review={c.canReview ? { reviewStages: c.reviewStages, approveBlocked: fourEyesBlock(segment, c.user.id) ? t("fourEyes") : null, run: (transition, comment, error) => a.review(segment, transition, comment, error) } : undefined}
        restructure={{
          canJoinSplit: can(c.user, "segment.joinSplit", { role: c.role, segmentStatus: segment.status }),
          canEditSource: can(c.user, "segment.editSource", { role: c.role }),
          canUndo: undoable === segment.id,
          run: (op) => a.restructure(segment.id, op),
        }}
      />
      <div className={styles.meta}>
        <StatusLine segment={segment} editable={a.canEdit(segment)} />
        {c.live.signedOff && a.canEdit(segment) && (
          <span className={styles.readOnlyNote} data-testid="edit-reopens">
            {t("live.editReopens")}
          </span>
        )}
        {c.live.highlights[segment.id] && <LiveNote note={c.live.highlights[segment.id]!} />}
      </div>
    </>
  );
}
