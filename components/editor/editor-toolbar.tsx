"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { SEGMENT_KINDS } from "@/lib/documents/block-kinds";
import { segmentKindFilterKey } from "@/lib/i18n/labels";
import { useFormat } from "@/lib/i18n/use-format";
import type { SegmentStats } from "@/lib/editor/loaded-segments";
import { SEGMENT_STATUSES } from "@/lib/review/segment-status";
import { filterProblemWording, type SegmentFilter } from "./editor-filters";
import { prefetchRegexEngine } from "./use-regex-engine";
import type { SaveState } from "./editor-types";
import { LiveBadge, SignedOffBadge } from "./live-status";
import type { SignedOffState } from "./use-live-collaboration";
import type { LiveConnection } from "./use-live-events";
import styles from "./editor.module.css";

export function EditorToolbar(props: {
  /** Status counts and text statistics of the loaded segments (kept incrementally: use-loaded-segments). */
  stats: SegmentStats;
  loaded: number;
  total: number;
  filter: SegmentFilter;
  filterError: string | null;
  /** A pattern search waits for its engine (fetched when Regex is first ticked). */
  filterPending: boolean;
  shown: number;
  onFilter: (filter: SegmentFilter) => void;
  saveState: SaveState;
  saveMessage: string | null;
  onHelp: () => void;
  onReplace: () => void;
  onQa: () => void;
  /** Opens concordance search on the selected text (Ctrl+K). */
  onConcordance?: () => void;
  onGoTo: (segmentNumber: number) => void;
  others: { name: string; position: number | null }[];
  /** The live event stream's state (issue 17). */
  connection?: LiveConnection;
  /** The document's sign-off, while it stands. */
  signedOff?: SignedOffState | null;
}) {
  const t = useTranslations("editor.toolbar");
  const tStatus = useTranslations("status");
  const tRoot = useTranslations();
  const f = useFormat();
  const filterProblem = props.filterError ? filterProblemWording(props.filterError) : null;
  const saveLabels: Record<SaveState, string> = { unsaved: t("unsaved"), saved: t("saved"), saving: t("saving"), offline: t("offline"), conflict: t("conflict"), error: t("notSaved") };
  const ids = { status: useId(), kind: useId(), query: useId(), scope: useId(), goTo: useId(), comments: useId() };
  const { counts, text } = props.stats;
  const filter = props.filter;
  const set = (patch: Partial<SegmentFilter>) => props.onFilter({ ...filter, ...patch });

  return (
    <div className={styles.toolbar}>
      <div className={styles.progressBlock} data-testid="progress">
        <ProgressBar counts={counts} total={props.total} />
        <div className={styles.progressText}>
          {SEGMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => (
            <span key={s}>
              {tStatus(s)} {f.number(counts[s])}
            </span>
          ))}
          <span>{t("chineseCharacters", { count: text.hanCharacters })}</span>
          <span>{t("englishWords", { count: text.englishWords })}</span>
          {text.repetitions > 0 && <span title={t("repetitionsHint")}>{t("repetitionCount", { count: text.repetitions })}</span>}
          {props.loaded < props.total && <span>{t("loading", { percent: f.percent(props.loaded / props.total) })}</span>}
        </div>
      </div>
      <div className={styles.filters} role="search">
        <label htmlFor={ids.status} className="visually-hidden">
          {t("status")}
        </label>
        <select id={ids.status} value={filter.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t("allStatuses")}</option>
          {SEGMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.kind} className="visually-hidden">
          {t("kind")}
        </label>
        <select id={ids.kind} value={filter.kind} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">{t("allKinds")}</option>
          {SEGMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {tRoot(segmentKindFilterKey(k))}
            </option>
          ))}
        </select>
        <label htmlFor={ids.comments} className="visually-hidden">
          {t("commentFilter")}
        </label>
        <select id={ids.comments} value={filter.comments} onChange={(e) => set({ comments: e.target.value as SegmentFilter["comments"] })}>
          <option value="">{t("anyComments")}</option>
          <option value="any">{t("withComments")}</option>
          <option value="open-issues">{t("withOpenIssues")}</option>
        </select>
        <label htmlFor={ids.query} className="visually-hidden">
          {t("search")}
        </label>
        <input id={ids.query} type="search" placeholder={t("searchPlaceholder")} value={filter.query} onChange={(e) => set({ query: e.target.value })} aria-invalid={!!props.filterError} />
        <label htmlFor={ids.scope} className="visually-hidden">
          {t("searchIn")}
        </label>
        <select id={ids.scope} value={filter.scope} onChange={(e) => set({ scope: e.target.value as SegmentFilter["scope"] })}>
          <option value="both">{t("sourceAndTarget")}</option>
          <option value="source">{t("source")}</option>
          <option value="target">{t("target")}</option>
        </select>
        <label className={styles.regex}>
          {/* Fetched as the pointer or focus reaches the box: by the click it is mostly here. */}
          <input type="checkbox" checked={filter.regex} onChange={(e) => set({ regex: e.target.checked })} onPointerEnter={prefetchRegexEngine} onFocus={prefetchRegexEngine} /> {t("regex")}
        </label>
        <label className={styles.regex}>
          <input type="checkbox" checked={filter.qa} onChange={(e) => set({ qa: e.target.checked })} /> {t("withQaFindings")}
        </label>
        <label className={styles.regex} title={t("repetitionsFilterHint")}>
          <input type="checkbox" checked={!!filter.repetitions} onChange={(e) => set({ repetitions: e.target.checked })} /> {t("repetitionsFilter")}
        </label>
        <span className={styles.shown} data-testid="shown-count">
          {t("shownOfTotal", { shown: props.shown, total: props.total })}
        </span>
        {props.filterPending && (
          <span role="status" className={styles.shown}>
            {t("regexLoading")}
          </span>
        )}
        {filterProblem && (
          <span role="alert" className={styles.fieldError}>
            {filterProblem.unavailable ? t("regexUnavailable") : filterProblem.backtracking ? t("regexBacktracking") : t("invalidRegex", { detail: filterProblem.detail })}

          </span>
        )}
      </div>
      {props.others.length > 0 && (
        <div className={styles.presence} data-testid="presence">
          {t("alsoHere")}{" "}
          {props.others.map((o, i) => (
            <span key={i}>
              {i > 0 && t("listSeparator")}
              {o.position ? t("personAtSegment", { name: o.name, segment: o.position }) : o.name}
            </span>
          ))}
        </div>
      )}
      {props.signedOff && <SignedOffBadge signedOff={props.signedOff} />}
      {props.connection && <LiveBadge state={props.connection} />}
      <div className={styles.saveState} data-state={props.saveState} role="status" aria-live="polite" data-testid="save-state">
        {props.saveMessage ?? saveLabels[props.saveState]}
      </div>
      <form
        className={styles.goTo}
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(new FormData(e.currentTarget).get("segment"));
          if (Number.isInteger(n) && n >= 1) props.onGoTo(n);
        }}
      >
        <label htmlFor={ids.goTo}>{t("goTo")}</label>
        <input id={ids.goTo} name="segment" type="number" min={1} max={props.total} inputMode="numeric" />
      </form>
      <button type="button" className={styles.toolButton} onClick={props.onReplace}>
        {t("findReplace")}
      </button>
      <button type="button" className={styles.toolButton} onClick={props.onQa}>
        {t("qa")}
      </button>
      {props.onConcordance && (
        // mousedown would take the focus (and the selection to search for) from the text.
        <button type="button" className={styles.toolButton} title={t("concordanceTitle")} onMouseDown={(e) => e.preventDefault()} onClick={props.onConcordance}>
          {t("concordance")}
        </button>
      )}
      <button type="button" className={styles.helpButton} onClick={props.onHelp} aria-label={t("shortcuts")}>
        ?
      </button>
    </div>
  );
}
