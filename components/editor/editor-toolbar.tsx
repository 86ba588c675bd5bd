"use client";

import { useId, useMemo } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { SEGMENT_KINDS } from "@/lib/documents/block-kinds";
import { emptyStatusCounts, isSegmentStatus, SEGMENT_STATUSES, STATUS_LABELS } from "@/lib/review/segment-status";
import { countText, type SegmentFilter } from "./editor-filters";
import type { EditorSegment, SaveState } from "./editor-types";
import styles from "./editor.module.css";

const SAVE_LABELS: Record<SaveState, string> = {
  saved: "All changes saved",
  saving: "Saving…",
  offline: "Offline — kept in this browser, will retry",
  conflict: "Conflict — choose which text to keep",
  error: "Not saved",
};

export function EditorToolbar(props: {
  segments: readonly (EditorSegment | undefined)[];
  loaded: number;
  total: number;
  filter: SegmentFilter;
  filterError: string | null;
  shown: number;
  onFilter: (filter: SegmentFilter) => void;
  saveState: SaveState;
  saveMessage: string | null;
  onHelp: () => void;
  onReplace: () => void;
  onQa: () => void;
  onGoTo: (segmentNumber: number) => void;
  others: { name: string; position: number | null }[];
}) {
  const ids = { status: useId(), kind: useId(), query: useId(), scope: useId(), goTo: useId(), comments: useId() };
  const { counts, text } = useMemo(() => {
    const c = emptyStatusCounts();
    for (const s of props.segments) if (s && isSegmentStatus(s.status)) c[s.status]++;
    return { counts: c, text: countText(props.segments) };
  }, [props.segments]);
  const f = props.filter;
  const set = (patch: Partial<SegmentFilter>) => props.onFilter({ ...f, ...patch });

  return (
    <div className={styles.toolbar}>
      <div className={styles.progressBlock} data-testid="progress">
        <ProgressBar counts={counts} total={props.total} />
        <div className={styles.progressText}>
          {SEGMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => (
            <span key={s}>
              {STATUS_LABELS[s]} {counts[s].toLocaleString("en")}
            </span>
          ))}
          <span>{text.hanCharacters.toLocaleString("en")} Chinese characters</span>
          <span>{text.englishWords.toLocaleString("en")} English words</span>
          {props.loaded < props.total && <span>loading {Math.round((props.loaded / props.total) * 100)}%</span>}
        </div>
      </div>
      <div className={styles.filters} role="search">
        <label htmlFor={ids.status} className="visually-hidden">
          Status
        </label>
        <select id={ids.status} value={f.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">All statuses</option>
          {SEGMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.kind} className="visually-hidden">
          Kind
        </label>
        <select id={ids.kind} value={f.kind} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">All kinds</option>
          {SEGMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {k[0]!.toUpperCase() + k.slice(1)}s
            </option>
          ))}
        </select>
        <label htmlFor={ids.comments} className="visually-hidden">
          Comment filter
        </label>
        <select id={ids.comments} value={f.comments} onChange={(e) => set({ comments: e.target.value as SegmentFilter["comments"] })}>
          <option value="">Any comments</option>
          <option value="any">With comments</option>
          <option value="open-issues">With open issues</option>
        </select>
        <label htmlFor={ids.query} className="visually-hidden">
          Search
        </label>
        <input id={ids.query} type="search" placeholder="Search…" value={f.query} onChange={(e) => set({ query: e.target.value })} aria-invalid={!!props.filterError} />
        <label htmlFor={ids.scope} className="visually-hidden">
          Search in
        </label>
        <select id={ids.scope} value={f.scope} onChange={(e) => set({ scope: e.target.value as SegmentFilter["scope"] })}>
          <option value="both">Source and target</option>
          <option value="source">Source</option>
          <option value="target">Target</option>
        </select>
        <label className={styles.regex}>
          <input type="checkbox" checked={f.regex} onChange={(e) => set({ regex: e.target.checked })} /> Regex
        </label>
        <label className={styles.regex}>
          <input type="checkbox" checked={f.qa} onChange={(e) => set({ qa: e.target.checked })} /> With QA findings
        </label>
        <span className={styles.shown} data-testid="shown-count">
          {props.shown.toLocaleString("en")} of {props.total.toLocaleString("en")}
        </span>
        {props.filterError && (
          <span role="alert" className={styles.fieldError}>
            {props.filterError}
          </span>
        )}
      </div>
      {props.others.length > 0 && (
        <div className={styles.presence} data-testid="presence">
          Also here:{" "}
          {props.others.map((o, i) => (
            <span key={i}>
              {i > 0 && ", "}
              {o.name}
              {o.position ? ` (segment ${o.position})` : ""}
            </span>
          ))}
        </div>
      )}
      <div className={styles.saveState} data-state={props.saveState} role="status" aria-live="polite" data-testid="save-state">
        {props.saveMessage ?? SAVE_LABELS[props.saveState]}
      </div>
      <form
        className={styles.goTo}
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(new FormData(e.currentTarget).get("segment"));
          if (Number.isInteger(n) && n >= 1) props.onGoTo(n);
        }}
      >
        <label htmlFor={ids.goTo}>Go to #</label>
        <input id={ids.goTo} name="segment" type="number" min={1} max={props.total} inputMode="numeric" />
      </form>
      <button type="button" className={styles.toolButton} onClick={props.onReplace}>
        Find &amp; replace
      </button>
      <button type="button" className={styles.toolButton} onClick={props.onQa}>
        QA
      </button>
      <button type="button" className={styles.helpButton} onClick={props.onHelp} aria-label="Keyboard shortcuts">
        ?
      </button>
    </div>
  );
}
