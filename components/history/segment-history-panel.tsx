"use client";

import { statusLabel } from "@/lib/review/segment-status";
import { useEffect, useMemo, useState } from "react";
import { InlineDiff, SideBySideDiff } from "@/components/diff/inline-diff";
import type { DiffMode } from "@/lib/diff/text-diff";
import type { HistoryEntry, HistoryRevision } from "@/lib/revisions/segment-history";
import styles from "./history.module.css";

/** Entries rendered when the panel opens (the newest); older ones on request, so a long history opens at once. */
const FIRST_SHOWN = 100;

const KIND_LABELS: Record<string, string> = {
  import: "Imported",
  edit: "Edited",
  status: "Status",
  restore: "Restored",
  join: "Joined",
  split: "Split",
  source: "Source corrected",
};

/**
 * One formatter for every timestamp in the panel (the browser's locale, as toLocaleString):
 * Date.toLocaleString builds a new Intl.DateTimeFormat on every call, ~0.1 ms each, and a long
 * history shows a hundred of them at once.
 */
let timestampFormat: Intl.DateTimeFormat | null = null;
function formatTimestamp(iso: string): string {
  timestampFormat ??= new Intl.DateTimeFormat(undefined, { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" });
  return timestampFormat.format(new Date(iso));
}

function restoredFrom(note: string | null): number | null {
  try {
    const parsed = note ? (JSON.parse(note) as { restoredFrom?: number }) : null;
    return typeof parsed?.restoredFrom === "number" ? parsed.restoredFrom : null;
  } catch {
    return null;
  }
}

/**
 * A segment's history: every revision as a diff against the one before, comments and
 * resolutions in the same timeline, any two revisions compared side by side, and an older text
 * restored (as a new revision).
 */
export function SegmentHistoryPanel(props: {
  segmentId: string;
  /** The segment's number and Chinese, pinned at the top while its history scrolls. */
  segmentNumber: number;
  source: string;
  currentTarget: string;
  sourceLang: string;
  targetLang: string;
  canRestore: boolean;
  onRestore: (revision: HistoryRevision) => Promise<string | null>;
  onClose: () => void;
}) {
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [mode, setMode] = useState<DiffMode>("words");
  const [message, setMessage] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/segments/${props.segmentId}/history`)
      .then(async (r) => (r.ok ? ((await r.json()) as { history: HistoryEntry[] }) : Promise.reject(new Error(`The server answered ${r.status}.`))))
      .then((body) => !cancelled && setHistory(body.history))
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [props.segmentId, props.currentTarget]);

  const revisions = useMemo(() => (history ?? []).filter((e): e is HistoryRevision => e.type === "revision"), [history]);
  const byVersion = useMemo(() => new Map(revisions.map((r) => [r.version, r])), [revisions]);
  const previousOf = useMemo(() => {
    const map = new Map<number, HistoryRevision | undefined>();
    revisions.forEach((r, i) => map.set(r.version, revisions[i - 1]));
    return map;
  }, [revisions]);

  function pick(version: number) {
    setPicked((p) => (p.includes(version) ? p.filter((v) => v !== version) : [...p, version].slice(-2)));
  }

  async function restore(r: HistoryRevision) {
    const problem = await props.onRestore(r);
    setMessage(problem ?? `Version ${r.version}'s text was restored as a new revision.`);
  }

  const compared = picked.length === 2 ? [...picked].sort((a, b) => a - b).map((v) => byVersion.get(v)!) : null;
  return (
    <section className={styles.panel} aria-label="Segment history" data-testid="history-panel">
      <div className={styles.head}>
        <strong>History of segment {props.segmentNumber}</strong>
        <span className={styles.hint}>{revisions.length} revisions · tick two to compare</span>
        <label>
          <input type="checkbox" checked={mode === "chars"} onChange={(e) => setMode(e.target.checked ? "chars" : "words")} /> By character
        </label>
        <button type="button" onClick={props.onClose}>
          Close history
        </button>
      </div>
      <p className={styles.source} lang={props.sourceLang} data-testid="history-source">
        {props.source}
      </p>
      {error && <p role="alert">History could not be loaded: {error}</p>}
      {message && <p role="status">{message}</p>}
      {compared && (
        <div className={styles.compare} data-testid="history-compare">
          <SideBySideDiff before={compared[0]!.target} after={compared[1]!.target} lang={props.targetLang} mode={mode} labels={[`Version ${compared[0]!.version}`, `Version ${compared[1]!.version}`]} />
        </div>
      )}
      {!history && !error && <p className={styles.hint}>Loading history…</p>}
      {history && history.length > FIRST_SHOWN && !showAll && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show {history.length - FIRST_SHOWN} earlier entries
        </button>
      )}
      <ol className={styles.timeline}>
        {(showAll ? (history ?? []) : (history ?? []).slice(-FIRST_SHOWN)).map((entry) =>
          entry.type === "revision" ? (
            <li key={entry.id} data-testid="history-revision" data-version={entry.version} data-kind={entry.kind}>
              <div className={styles.meta}>
                <label>
                  <input type="checkbox" checked={picked.includes(entry.version)} onChange={() => pick(entry.version)} aria-label={`Compare version ${entry.version}`} /> v{entry.version}
                </label>
                <span className={styles.kind}>{KIND_LABELS[entry.kind] ?? entry.kind}</span>
                {entry.kind === "restore" && restoredFrom(entry.note) !== null && <span>from v{restoredFrom(entry.note)}</span>}
                <span>{entry.authorName ?? "System"}</span>
                {entry.authorRole && <span className={styles.hint}>({entry.authorRole})</span>}
                <time dateTime={entry.at} className={styles.hint}>
                  {formatTimestamp(entry.at)}
                </time>
                <span className={styles.status}>{statusLabel(entry.status)}</span>
                {props.canRestore && entry.target && entry.target !== props.currentTarget && entry.kind !== "status" && (
                  <button type="button" onClick={() => void restore(entry)}>
                    Restore this text
                  </button>
                )}
              </div>
              <RevisionChange entry={entry} previous={previousOf.get(entry.version)} mode={mode} sourceLang={props.sourceLang} targetLang={props.targetLang} />
            </li>
          ) : (
            <li key={entry.id} className={styles.comment} data-testid="history-comment">
              <div className={styles.meta}>
                <span className={styles.kind}>{entry.type === "comment" ? (entry.isIssue ? "Issue" : "Comment") : "Resolved"}</span>
                <span>{entry.authorName}</span>
                <time dateTime={entry.at} className={styles.hint}>
                  {formatTimestamp(entry.at)}
                </time>
              </div>
              <div className={styles.body}>{entry.body.length > 300 ? `${entry.body.slice(0, 300)}…` : entry.body}</div>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}

function RevisionChange({ entry, previous, mode, sourceLang, targetLang }: { entry: HistoryRevision; previous: HistoryRevision | undefined; mode: DiffMode; sourceLang: string; targetLang: string }) {
  if (!previous) return <div className={styles.body} lang={targetLang}>{entry.target || <em>empty</em>}</div>;
  if (entry.kind === "status") {
    return (
      <div className={styles.body}>
        {statusLabel(previous.status)} → {statusLabel(entry.status)}
        {entry.note && <> — “{entry.note}”</>}
      </div>
    );
  }
  return (
    <div className={styles.body}>
      {entry.source !== previous.source && (
        <div>
          <span className={styles.hint}>Chinese: </span>
          <InlineDiff before={previous.source} after={entry.source} lang={sourceLang} mode={mode} />
        </div>
      )}
      {entry.target !== previous.target ? (
        <InlineDiff before={previous.target} after={entry.target} lang={targetLang} mode={mode} />
      ) : (
        entry.source === previous.source && <span className={styles.hint}>English unchanged</span>
      )}
    </div>
  );
}
