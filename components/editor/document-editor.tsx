"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { can, type ProjectRole } from "@/lib/auth/permissions";
import { writeDraft } from "./draft-storage";
import { useDraftRecovery } from "./draft-recovery";
import { EditorToolbar } from "./editor-toolbar";
import { ConcordancePanel } from "@/components/concordance/concordance-panel";
import { insertIntoTarget, useConcordance } from "@/components/concordance/use-concordance";
import { FindReplacePanel } from "./find-replace-panel";
import { everyIndex, filterIndexes, isFiltering, NO_FILTER, type SegmentFilter } from "./editor-filters";
import { useRegexEngine } from "./use-regex-engine";
import type { Conflict, EditorSegment } from "./editor-types";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import type { IgnoredFinding } from "@/lib/qa/qa-ignores";
import { QaPanel } from "./qa-panel";
import { useQa } from "./use-qa";
import { ReviewBar } from "./review-bar";
import { SegmentRows, type EditorRowContext } from "./editor-row";
import { EditorNotices } from "./editor-notices";
import { ShortcutsHelp, useHelpShortcut } from "./shortcuts-help";
import { useBackgroundLoading } from "./use-background-loading";
import { useLoadedSegments } from "./use-loaded-segments";
import { useHoldSpellingStart } from "@/components/spelling/spelling-provider";
import { usePresence } from "./use-presence";
import { useLiveCollaboration, type SignedOffState } from "./use-live-collaboration";
import { useLeaveWarning } from "./use-leave-warning";
import { useReviewActions } from "./use-review-actions";
import { useSegmentCommands } from "./use-segment-commands";
import { useSegmentSaver } from "./use-segment-saver";
import { usePropagation } from "./use-propagation";
import { useSegmentNavigation } from "./use-segment-navigation";
import { useRevealActiveRow } from "./use-reveal-active-row";
import { useOpenRowFocus } from "./use-open-row-focus";
import { useStableActions } from "./use-stable-actions";
import styles from "./editor.module.css";

export interface DocumentEditorProps {
  documentId: string;
  /** For concordance search over the project's documents and memories. */
  projectId: string;
  sourceLang: string;
  targetLang: string;
  total: number;
  firstChunk: EditorSegment[];
  user: { id: string; isAdmin: boolean };
  role: ProjectRole;
  /** Project members, for @mentions in comments. */
  members: { name: string }[];
  reviewStages: number;
  /** Segment number to open at (from ?segment=N, e.g. links on "My work" and the activity log). */
  initialSegment?: number;
  glossary: GlossaryEntry[];
  ignores: IgnoredFinding[];
  /** The document's event seq when the page read its segments: the live stream replays from there. */
  initialSeq?: number | null;
  /** The document's sign-off when the page was read (null or absent: in progress). */
  signedOff?: SignedOffState | null;
}

/**
 * The bilingual editor: every segment as a row, virtualised so 50,000 rows scroll smoothly; the
 * active row is a form. Segments load in chunks after the first screen is shown.
 */
export function DocumentEditor(props: DocumentEditorProps) {
  const t = useTranslations("editor");
  const [segments, setSegments] = useState<(EditorSegment | undefined)[]>(() => {
    const all = new Array<EditorSegment | undefined>(props.total);
    props.firstChunk.forEach((s, i) => (all[i] = s));
    return all;
  });
  const segmentsRef = useRef(segments);
  segmentsRef.current = segments;
  const indexByIdRef = useRef<ReadonlyMap<string, number>>(new Map());
  const [loaded, setLoaded] = useState(props.firstChunk.length);
  const [activeId, setActiveId] = useState<string | null>(props.firstChunk[0]?.id ?? null);
  const [editing, setEditing] = useState<Record<string, string>>({});
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});
  const [filter, setFilter] = useState<SegmentFilter>(NO_FILTER);
  const [helpOpen, setHelpOpen] = useState(false);
  const [replaceOpen, setReplaceOpen] = useState(false);
  const [lastActivity, setLastActivity] = useState(() => Date.now());
  const presence = usePresence(props.documentId, props.user.id, activeId, lastActivity);
  const others = presence.others;
  // What the live stream's reducer reads when an event lands (state of the last render).
  const liveView = useRef({ editing, activeId });
  liveView.current = { editing, activeId };
  const [liveReloads, setLiveReloads] = useState(0);
  const lockedBy = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const o of others) if (o.segmentId) map.set(o.segmentId, [...(map.get(o.segmentId) ?? []), o.name]);
    return map;
  }, [others]);

  const [total, setTotal] = useState(props.total);
  // Whether the next segment opened shows its history, as the last one did. A ref, not state:
  // opening a history must not re-render the whole editor (it doubled the panel's time to open).
  const historyOpen = useRef(false);
  // The side pane the active segment's history opens in (set once, when it mounts).
  const [historyPane, setHistoryPane] = useState<HTMLElement | null>(null);

  /** The segment's text on screen is its saved text again (saved, discarded, replaced from elsewhere). */
  const stopEditing = useCallback((segmentId: string) => {
    setEditing((e) => {
      if (!(segmentId in e)) return e;
      const { [segmentId]: _, ...rest } = e;
      return rest;
    });
  }, []);
  const updateSegment = useCallback((id: string, patch: Partial<EditorSegment>) => {
    setSegments((prev) => {
      // The id map is as of the last render: a hint, checked (the array may be newer).
      const hint = indexByIdRef.current.get(id);
      const i = hint !== undefined && prev[hint]?.id === id ? hint : prev.findIndex((s) => s?.id === id);
      if (i < 0) return prev;
      const next = prev.slice();
      next[i] = { ...prev[i]!, ...patch };
      return next;
    });
  }, []);
  const { reloads, restores, undoable, restructure, restoreRevision } = useSegmentCommands(props.documentId, updateSegment, (segmentId) => {
    stopEditing(segmentId);
    saver.discarded(segmentId);
  });

  useBackgroundLoading({ documentId: props.documentId, firstChunk: props.firstChunk, total: props.total, reloads: reloads + liveReloads, setSegments, setTotal, setLoaded });
  // The spelling worker's dictionary (≈0.4 s of a core) waits until the document has loaded: on a
  // small machine it competed with the page and the server for the cores while chunks came in.
  useHoldSpellingStart(loaded < total);

  const canReview = can(props.user, "segment.review", { role: props.role });
  // Counts and the id map follow the segments incrementally: a chunk costs its own rows.
  const { stats, indexById } = useLoadedSegments(segments);
  indexByIdRef.current = indexById;

  /** A segment of the last render by id (through the id map). */
  const segmentById = (id: string) => {
    const i = indexByIdRef.current.get(id);
    const hit = i === undefined ? undefined : segmentsRef.current[i];
    return hit?.id === id ? hit : segmentsRef.current.find((s) => s?.id === id);
  };
  const reviewer = useReviewActions(props.documentId, updateSegment);
  const propagation = usePropagation(props.documentId, updateSegment, stopEditing);
  const saver = useSegmentSaver({
    documentId: props.documentId,
    currentVersion: (id) => segmentById(id)?.version,
    onSaved: (saved, propagated) => {
      const before = segmentById(saved.id);
      // With four eyes, a text this person changed is now theirs to have approved by someone else.
      const author = before && before.textAuthorId !== undefined && before.target !== saved.target ? { textAuthorId: props.user.id } : {};
      // A text written by hand is no longer a propagated one.
      const written = before?.propagatedFrom && before.target !== saved.target ? { propagatedFrom: undefined } : {};
      updateSegment(saved.id, { target: saved.target, status: saved.status, version: saved.version, ...author, ...written });
      propagation.applied(saved.id, propagated);
      stopEditing(saved.id);
      setConflicts((c) => {
        if (!(saved.id in c)) return c;
        const { [saved.id]: _, ...rest } = c;
        return rest;
      });
    },
    onConflict: (id, conflict) => {
      setConflicts((c) => ({ ...c, [id]: conflict }));
      setActiveId(id);
    },
  });

  // Text typed in an earlier session that the server never acknowledged: offer it back.
  const drafts = useDraftRecovery(props.documentId, segmentsRef, (segmentId, text, baseVersion) => {
    setEditing((e) => ({ ...e, [segmentId]: text }));
    void saver.save(segmentId, text, false, baseVersion);
  });

  /** The user's unsaved text of a segment is given up (someone else's was taken): draft, editing mark, pending save. */
  const dropLocalText = (segmentId: string) => {
    writeDraft(props.documentId, segmentId, null);
    stopEditing(segmentId);
    saver.discarded(segmentId);
  };

  // Others' work, live (issue 17): rows update in place, a clash in the open segment shows the conflict banner.
  const live = useLiveCollaboration({
    documentId: props.documentId,
    userId: props.user.id,
    initialSeq: props.initialSeq ?? null,
    initialSignedOff: props.signedOff ?? null,
    segmentsRef,
    setSegments,
    view: () => ({ userId: props.user.id, ...liveView.current }),
    onClash: (segmentId, conflict) => setConflicts((c) => ({ ...c, [segmentId]: conflict })),
    dropLocal: dropLocalText,
    reloadAll: () => setLiveReloads((n) => n + 1),
    onActiveRemoved: () => setActiveId(null),
    onPresence: presence.fromStream,
  });

  useLeaveWarning(saver.state !== "saved");

  const qa = useQa(props.glossary, props.ignores);
  const findingsOf = qa.findingsOf;
  const [qaOpen, setQaOpen] = useState(false);
  const [dictionaryQuery, setDictionaryQuery] = useState<string | null>(null);
  // Unfiltered, the list is every index: the same array while the length stays, so loading a
  // chunk does not hand the virtualiser new keys (it would re-measure every row).
  const allIndexes = useMemo(() => everyIndex(segments.length), [segments.length]);
  const filtering = isFiltering(filter);
  const regexEngine = useRegexEngine(filter.regex);
  const visible = useMemo(
    () => (filtering ? filterIndexes(segments, filter, (s) => findingsOf(s).length > 0, regexEngine) : allIndexes),
    [filtering, segments, filter, findingsOf, allIndexes, regexEngine],
  );
  const baselines = reviewer.baselines;
  const visibleIndexes = useMemo(() => {
    const shown = Array.isArray(visible) ? visible : [];
    if (!baselines) return shown;
    // Only segments this reviewer approved before and whose text changed since.
    return shown.filter((i) => {
      const s = segments[i];
      return !!s && s.id in baselines && baselines[s.id] !== s.target;
    });
  }, [visible, baselines, segments]);
  const shownIds = () => visibleIndexes.map((i) => segmentsRef.current[i]?.id).filter((id): id is string => !!id);
  const scrollRef = useRef<HTMLDivElement>(null);
  // A row's key is its place in the document: stable while chunks load and rows are saved, so the
  // virtualiser keeps its measurements (it measures the rows it renders, as they render).
  const getItemKey = useCallback((i: number) => visibleIndexes[i] ?? -1 - i, [visibleIndexes]);
  // The virtualiser's measurements move the open row: the reveal hook (below) hears of them.
  const virtualizerChanged = useRef(() => {});
  const virtualizer = useVirtualizer({
    count: visibleIndexes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 6,
    getItemKey,
    onChange: () => virtualizerChanged.current(),
  });
  // Keeps the open row wholly in view when it changes and while it grows.
  const { reveal, onVirtualizerChange } = useRevealActiveRow({
    virtualizer,
    scrollRef,
    activeId,
    activeIndex: () => (activeId ? visibleIndexes.indexOf(indexById.get(activeId) ?? -1) : -1),
  });
  virtualizerChanged.current = onVirtualizerChange;

  const openRowFocus = useOpenRowFocus(scrollRef);
  const activate = (segmentId: string) => {
    openRowFocus.want();
    setActiveId(segmentId);
    setLastActivity(Date.now());
  };
  const { navigate, goTo } = useSegmentNavigation({
    segmentsRef,
    visibleIndexes,
    indexById,
    activeId,
    open: activate,
    clearFilter: () => setFilter(NO_FILTER),
    reveal,
    initialSegment: props.initialSegment,
    loaded,
    total,
  });

  useHelpShortcut(setHelpOpen);
  const concordance = useConcordance();

  function resolveConflict(segmentId: string, choice: "mine" | "theirs" | "merge", text: string) {
    const conflict = conflicts[segmentId];
    if (!conflict) return;
    const theirs = conflict.theirs;
    updateSegment(segmentId, { target: theirs.target, status: theirs.status, version: theirs.version });
    if (choice === "theirs") {
      setConflicts(({ [segmentId]: _, ...rest }) => rest);
      dropLocalText(segmentId);
      saver.settled();
    } else if (choice === "mine") {
      setConflicts(({ [segmentId]: _, ...rest }) => rest);
      void saver.save(segmentId, text, false, theirs.version);
    } else {
      setConflicts((c) => ({ ...c, [segmentId]: { ...conflict, merging: true } }));
      saver.settled();
    }
  }

  const actions = useStableActions({
    shownIds,
    canEdit: (s: EditorSegment) => can(props.user, "segment.edit", { role: props.role, segmentStatus: s.status }),
    navigate,
    activate,
    claimFocus: openRowFocus.claim,
    typed: (segment: EditorSegment, text: string) => {
      setLastActivity(Date.now());
      setEditing((e) => ({ ...e, [segment.id]: text }));
      saver.typed(segment.id, text, segment.target);
      writeDraft(props.documentId, segment.id, { text, baseVersion: segment.version, at: Date.now() });
    },
    save: (segmentId: string, text: string, confirm: boolean) => void saver.save(segmentId, text, confirm),
    discard: (segmentId: string) => {
      writeDraft(props.documentId, segmentId, null);
      stopEditing(segmentId);
      saver.discarded(segmentId);
    },
    resolveConflict,
    updateSegment,
    setDictionaryQuery,
    toggleSelected: (segmentId: string, shift: boolean) => reviewer.toggle(segmentId, shift, shownIds),
    review: reviewer.review,
    restructure,
    restoreRevision,
  });
  // Only what rows show: a chunk arriving changes none of it, so the rows on screen are left alone.
  const selected = reviewer.selected;
  const { highlights, formKeys, commentKeys, signedOff } = live;
  const reloadKey = reloads + liveReloads;
  const rowContext: EditorRowContext = useMemo(
    () => ({
      documentId: props.documentId,
      sourceLang: props.sourceLang,
      targetLang: props.targetLang,
      user: props.user,
      role: props.role,
      members: props.members,
      reviewStages: props.reviewStages,
      glossary: props.glossary,
      activeId,
      canReview,
      selected,
      baselines,
      live: { highlights, formKeys, commentKeys, signedOff },
      restores,
      undoable,
      reloadKey,
      editing,
      conflicts,
      lockedBy,
      findingsOf,
      dictionaryQuery,
      historyOpen,
      historyPane,
      actions,
    }),
    [props.documentId, props.sourceLang, props.targetLang, props.user, props.role, props.members, props.reviewStages, props.glossary, activeId, canReview, selected, baselines, highlights, formKeys, commentKeys, signedOff, restores, undoable, reloadKey, editing, conflicts, lockedBy, findingsOf, dictionaryQuery, historyPane, actions],
  );

  return (
    <div className={styles.editor}>
      <EditorToolbar
        stats={stats}
        loaded={loaded}
        total={total}
        filter={filter}
        filterError={"error" in visible ? visible.error : null}
        filterPending={"pending" in visible}
        shown={visibleIndexes.length}
        onFilter={setFilter}
        saveState={saver.state}
        saveMessage={saver.message}
        onHelp={() => setHelpOpen(true)}
        onReplace={() => setReplaceOpen((open) => !open)}
        onQa={() => setQaOpen((open) => !open)}
        onConcordance={() => concordance.openWith()}
        onGoTo={goTo}
        others={others.map((o) => ({ name: o.name, position: o.segmentId ? (indexById.get(o.segmentId) ?? -1) + 1 : null }))}
        connection={live.connection}
        signedOff={live.signedOff}
      />
      <EditorNotices live={live} propagation={propagation} drafts={drafts}>
      {canReview && (
        <ReviewBar
          shown={visibleIndexes.length}
          selected={reviewer.selected.size}
          message={reviewer.bulkMessage}
          onApproveShown={() => void reviewer.approveAll(shownIds())}
          onApproveSelected={() => void reviewer.approveAll([...reviewer.selected])}
          onClearSelection={reviewer.clearSelection}
          sinceReview={{ on: reviewer.sinceReviewOn, error: reviewer.baselineError, onToggle: reviewer.toggleSinceReview }}
        />
      )}
      {qaOpen && (
        <QaPanel
          segments={segments}
          glossary={props.glossary}
          ignored={qa.ignored}
          canIgnore={can(props.user, "qa.ignore", { role: props.role })}
          onGoTo={goTo}
          onIgnore={qa.ignore}
          onClose={() => setQaOpen(false)}
        />
      )}
      {concordance.open && (
        <ConcordancePanel
          projectId={props.projectId}
          query={concordance.query}
          nonce={concordance.nonce}
          sourceLang={props.sourceLang}
          targetLang={props.targetLang}
          onInsert={activeId ? (text) => insertIntoTarget(activeId, text) : null}
          onClose={concordance.close}
        />
      )}
      {replaceOpen && (
        <FindReplacePanel
          documentId={props.documentId}
          targetLang={props.targetLang}
          onApplied={(changed) => changed.forEach((s) => updateSegment(s.id, { target: s.target, status: s.status, version: s.version }))}
          onClose={() => setReplaceOpen(false)}
        />
      )}
      </EditorNotices>
      <div className={styles.body}>
        <div className={styles.listPane}>
          <div className={styles.columns} aria-hidden="true">
            <span>#</span>
            <span>{t("columnChinese", { lang: props.sourceLang })}</span>
            <span>{t("columnEnglish", { lang: props.targetLang })}</span>
            <span>{t("columnStatus")}</span>
          </div>
          <div ref={scrollRef} className={styles.scroller} role="list" aria-label={t("segments")}>
            <SegmentRows virtualizer={virtualizer} visibleIndexes={visibleIndexes} segments={segments} context={rowContext} />
          </div>
        </div>
        {/* Filled by the active segment's history (a portal); empty, it takes no room. */}
        <aside ref={setHistoryPane} className={styles.historyPane} />
      </div>
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );

}
