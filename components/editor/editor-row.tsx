"use client";

import type { Virtualizer, VirtualItem } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { memo, useEffect, useState, type RefObject } from "react";
import type { ProjectRole } from "@/lib/auth/permissions";
import { SERVER_ROWS, yieldToBrowser } from "@/lib/editor/chunk-loading";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import type { Finding } from "@/lib/qa/checks";
import type { Navigation } from "./active-segment";
import type { Conflict, EditorSegment } from "./editor-types";
import type { OpenRow as OpenRowComponent } from "./open-row";
import { RowHead, SegmentRow } from "./segment-row";
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
  /** Whether the open form, mounting, may take the focus (asked once per mount). */
  claimFocus: () => boolean;
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

/**
 * The segment list's rows: virtualised once the editor has hydrated (useVirtualListTakeover); before
 * that the first rows are laid out in the normal flow (server HTML: visible before any script
 * runs), then the virtualiser positions and measures them.
 */
export function SegmentRows({ virtualizer, visibleIndexes, segments, context }: {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  visibleIndexes: number[];
  segments: (EditorSegment | undefined)[];
  context: EditorRowContext;
}) {
  const hydrated = useVirtualListTakeover(virtualizer);
  // The open form, the heaviest row, is a module of its own, fetched and evaluated once the editor
  // has hydrated and mounted a task after the switch to the virtualised list: hydration, that switch
  // and the form would otherwise make one long task between them. Until then the active row shows
  // as the others do.
  const OpenRow = useOpenRow(hydrated);
  return hydrated ? (
    <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
      {virtualizer.getVirtualItems().map((item) => {
        const index = visibleIndexes[item.index]!;
        return <EditorRow key={item.key} index={index} item={item} openRow={OpenRow} segment={segments[index]} measureElement={virtualizer.measureElement} context={context} />;
      })}
    </div>
  ) : (
    <div>
      {visibleIndexes.slice(0, SERVER_ROWS).map((index) => (
        <EditorRow key={index} index={index} item={null} openRow={null} segment={segments[index]} context={context} />
      ))}
    </div>
  );
}

/**
 * One row: `item` places it in the virtualised list; null before hydration, when the first rows
 * sit in the normal flow of the server's HTML, read-only (the active form opens once hydrated).
 * Memoised: a row renders again only when its segment, its place or the context changes.
 */
const EditorRow = memo(function EditorRow({ index, item, openRow: OpenRow, segment, measureElement, context: c }: {
  index: number;
  item: VirtualItem | null;
  /** The active row's form, once loaded (not before hydration, nor in the task that ends it). */
  openRow: typeof OpenRowComponent | null;
  segment: EditorSegment | undefined;
  measureElement?: (element: Element | null) => void;
  context: EditorRowContext;
}) {
  const t = useTranslations("editor");
  const open = !!OpenRow && !!item && !!segment && segment.id === c.activeId;
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

let openRowModule: Promise<typeof OpenRowComponent> | null = null;
/** The open row's module, fetched once per page load (later editors in the same tab have it at once). */
function loadOpenRow(): Promise<typeof OpenRowComponent> {
  openRowModule ??= import("./open-row").then((m) => m.OpenRow);
  return openRowModule;
}

/** The open row's component once hydrated, loaded and a task later; null before. */
function useOpenRow(hydrated: boolean): typeof OpenRowComponent | null {
  const [component, setComponent] = useState<typeof OpenRowComponent | null>(null);
  useEffect(() => {
    if (!hydrated || component) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void loadOpenRow().then((loaded) => {
        if (!cancelled) setComponent(() => loaded);
      });
    }, 0);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [hydrated, component]);
  return component;
}

/**
 * False on the server and while hydrating (the same value on both sides of hydration), true two
 * tasks later. In between, a task of its own places every row of the list on estimated heights —
 * the virtualiser's first pass over all of them (50,000 for a large document), ~30 ms while its
 * code is still cold — so that the switch to the virtualised list, another task, does not carry it
 * too (issue 18: together they were one long task).
 */
function useVirtualListTakeover(virtualizer: Virtualizer<HTMLDivElement, Element>): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      await yieldToBrowser();
      if (cancelled) return;
      virtualizer.getTotalSize();
      await yieldToBrowser();
      if (!cancelled) setReady(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [virtualizer]);
  return ready;
}
