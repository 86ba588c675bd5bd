"use client";

import type { Virtualizer, VirtualItem } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { memo, useEffect, useState, useSyncExternalStore, type RefObject } from "react";
import { can, type ProjectRole } from "@/lib/auth/permissions";
import { fourEyesBlock } from "@/lib/review/workflow";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import type { Finding } from "@/lib/qa/checks";
import { ActiveSegment, type Navigation } from "./active-segment";
import type { Conflict, EditorSegment } from "./editor-types";
import { LiveNote } from "./live-status";
import { RowHead, SegmentRow, StatusLine } from "./segment-row";
import { SentencePairs } from "./sentence-pairs";
import { SourceText } from "./source-text";
import type { useLiveCollaboration } from "./use-live-collaboration";
import type { useReviewActions } from "./use-review-actions";
import type { useSegmentCommands } from "./use-segment-commands";
import styles from "./editor.module.css";

/**
 * What rows do. The functions keep their identity from render to render (each calls the editor's
 * handler of the latest render), so a context that holds them changes only when what rows show does.
 */
export interface EditorRowActions {
  shownIds: () => string[];
  canEdit: (segment: EditorSegment) => boolean;
  navigate: (where: Navigation) => void;
  activate: (segmentId: string) => void;
  typed: (segment: EditorSegment, text: string) => void;
  save: (segmentId: string, text: string, confirm: boolean) => void;
  discard: (segmentId: string) => void;
  resolveConflict: (segmentId: string, choice: "mine" | "theirs" | "merge", text: string) => void;
  updateSegment: (id: string, patch: Partial<EditorSegment>) => void;
  setDictionaryQuery: (query: string | null) => void;
  /** Ticks or unticks a row for bulk approval (with Shift, the shown rows between). */
  toggleSelected: (segmentId: string, shift: boolean) => void;
  review: ReturnType<typeof useReviewActions>["review"];
  restructure: ReturnType<typeof useSegmentCommands>["restructure"];
  restoreRevision: ReturnType<typeof useSegmentCommands>["restoreRevision"];
}

/**
 * What every row reads from the editor: the same for all rows of a render, and the same object
 * from render to render until something in it changes — a chunk of segments arriving leaves it as
 * it was, so the rows on screen (memoised) are not rendered again for it.
 */
export interface EditorRowContext {
  documentId: string;
  sourceLang: string;
  targetLang: string;
  user: { id: string; isAdmin: boolean };
  role: ProjectRole;
  members: { name: string }[];
  reviewStages: number;
  glossary: GlossaryEntry[];
  activeId: string | null;
  canReview: boolean;
  /** Rows ticked for bulk approval. */
  selected: ReadonlySet<string>;
  /** In "changes since my last review": each segment's text when this reviewer last approved it. */
  baselines: Record<string, string> | null;
  live: Pick<ReturnType<typeof useLiveCollaboration>, "highlights" | "formKeys" | "commentKeys" | "signedOff">;
  /** Bumped when an older revision is restored: the open form starts over. */
  restores: number;
  /** The segment whose join or split can be undone. */
  undoable: string | null;
  /** Bumped when every segment is read again: the open form starts over from the new text. */
  reloadKey: number;
  editing: Record<string, string>;
  conflicts: Record<string, Conflict>;
  lockedBy: ReadonlyMap<string, string[]>;
  findingsOf: (segment: EditorSegment) => Finding[];
  dictionaryQuery: string | null;
  historyOpen: RefObject<boolean>;
  historyPane: HTMLElement | null;
  actions: EditorRowActions;
}

/** Rows in the server's HTML (and the first render in the browser, which must match it). */
const SERVER_ROWS = 50;

/**
 * The segment list's rows: virtualised once hydrated; before that the first rows are laid out in the
 * normal flow (server HTML: visible before any script runs), then the virtualiser positions and measures them.
 */
export function SegmentRows({ virtualizer, visibleIndexes, segments, context }: {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  visibleIndexes: number[];
  segments: (EditorSegment | undefined)[];
  context: EditorRowContext;
}) {
  const hydrated = useHydrated();
  // The open form, the heaviest row, mounts in a task after the switch to the virtualised list:
  // hydration, that switch and the form would otherwise make one long task between them.
  const [formReady, setFormReady] = useState(false);
  useEffect(() => {
    if (!hydrated || formReady) return;
    const timer = window.setTimeout(() => setFormReady(true), 0);
    return () => window.clearTimeout(timer);
  }, [hydrated, formReady]);
  return hydrated ? (
    <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
      {virtualizer.getVirtualItems().map((item) => {
        const index = visibleIndexes[item.index]!;
        return <EditorRow key={item.key} index={index} item={item} canOpen={formReady} segment={segments[index]} measureElement={virtualizer.measureElement} context={context} />;
      })}
    </div>
  ) : (
    <div>
      {visibleIndexes.slice(0, SERVER_ROWS).map((index) => (
        <EditorRow key={index} index={index} item={null} canOpen={false} segment={segments[index]} context={context} />
      ))}
    </div>
  );
}

/**
 * One row: `item` places it in the virtualised list; null before hydration, when the first rows
 * sit in the normal flow of the server's HTML, read-only (the active form opens once hydrated).
 * Memoised: a row renders again only when its segment, its place or the context changes.
 */
const EditorRow = memo(function EditorRow({ index, item, canOpen, segment, measureElement, context: c }: {
  index: number;
  item: VirtualItem | null;
  /** Whether the active row may show its form yet (not before hydration, nor in the task that ends it). */
  canOpen: boolean;
  segment: EditorSegment | undefined;
  measureElement?: (element: Element | null) => void;
  context: EditorRowContext;
}) {
  const t = useTranslations("editor");
  const open = canOpen && !!item && !!segment && segment.id === c.activeId;
  return (
    <div
      ref={item ? measureElement : undefined}
      data-index={item?.index ?? index}
      role="listitem"
      className={`${styles.row} ${item ? "" : styles.flowRow} ${segment && segment.id === c.activeId ? styles.activeRow : ""} ${segment ? styles[`row_${segment.kind}`] ?? "" : ""} ${segment && c.live.highlights[segment.id] ? styles.liveChanged : ""}`}
      style={item ? { transform: `translateY(${item.start}px)` } : undefined}
      data-testid="editor-row"
      data-segment-id={segment?.id}
      data-status={segment?.status}
    >
      {!segment ? (
        <div className={styles.loadingRow}>{t("loadingSegment", { number: index + 1 })}</div>
      ) : (
        <>
          <RowHead
            segment={segment}
            selection={c.canReview ? { selected: c.selected.has(segment.id), onToggle: (shift) => c.actions.toggleSelected(segment.id, shift) } : undefined}
          />
          {open ? <OpenRow segment={segment} context={c} /> : (
            <SegmentRow
              segment={segment}
              displayTarget={c.editing[segment.id] ?? segment.target}
              sourceLang={c.sourceLang}
              targetLang={c.targetLang}
              baseline={c.baselines?.[segment.id]}
              hasDraft={segment.id in c.editing}
              hasConflict={segment.id in c.conflicts}
              lockedBy={c.lockedBy.get(segment.id)}
              findings={c.findingsOf(segment)}
              glossary={c.glossary}
              liveNote={c.live.highlights[segment.id]}
              onActivate={() => c.actions.activate(segment.id)}
            />
          )}
        </>
      )}
    </div>
  );
});

/** The active row's body: the source (select Chinese text to look it up), its sentence pairs, the form and its status line. */
function OpenRow({ segment, context: c }: { segment: EditorSegment; context: EditorRowContext }) {
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

const subscribeNothing = () => () => {};
/** False on the server and while hydrating, true after: the same value on both sides of hydration. */
function useHydrated(): boolean {
  return useSyncExternalStore(subscribeNothing, () => true, () => false);
}
