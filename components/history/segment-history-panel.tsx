"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { InlineDiff, SideBySideDiff } from "@/components/diff/inline-diff";
import type { DiffMode } from "@/lib/diff/text-diff";
import { roleLabelKey, statusLabelKey } from "@/lib/i18n/labels";
import { useFormat } from "@/lib/i18n/use-format";
import { isProjectRole } from "@/lib/auth/permissions";
import { isSegmentStatus } from "@/lib/review/segment-status";
import type { HistoryEntry, HistoryRevision } from "@/lib/revisions/segment-history";
import { requestHistory, takePrefetchedHistory } from "./history-request";
import styles from "./history.module.css";

/** Entries rendered when the panel opens (the newest); older ones on request, so a long history opens at once. */
const FIRST_SHOWN = 100;

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
  const t = useTranslations("history");
  const tRoot = useTranslations();
  const f = useFormat();
  const kindLabels: Record<string, string> = {
    import: t("kinds.import"),
    edit: t("kinds.edit"),
    status: t("kinds.status"),
    restore: t("kinds.restore"),
    join: t("kinds.join"),
    split: t("kinds.split"),
    source: t("kinds.source"),
    propagated: t("kinds.propagated"),
  };
  const statusLabel = (status: string) => (isSegmentStatus(status) ? tRoot(statusLabelKey(status)) : status);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [mode, setMode] = useState<DiffMode>("words");
  const [message, setMessage] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);

  useEffect(() => {
    let cancelled = false;
    // The request the opening key started (history-request.ts), else a new one (after a save changed the text).
    (takePrefetchedHistory(props.segmentId) ?? requestHistory(props.segmentId))
      .then((entries) => !cancelled && setHistory(entries))
      .catch((e: Error & { status?: number }) => !cancelled && setError(e.status ? t("serverAnswered", { status: e.status }) : e.message));
    return () => {
      cancelled = true;
    };
  }, [props.segmentId, props.currentTarget, t]);

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
    setMessage(problem ?? t("restored", { version: r.version }));
  }

  const compared = picked.length === 2 ? [...picked].sort((a, b) => a - b).map((v) => byVersion.get(v)!) : null;
  return (
    <section className={styles.panel} aria-label={t("label")} data-testid="history-panel">
      <div className={styles.head}>
        <strong>{t("title", { number: props.segmentNumber })}</strong>
        <span className={styles.hint}>{t("revisions", { count: revisions.length })}</span>
        <label>
          <input type="checkbox" checked={mode === "chars"} onChange={(e) => setMode(e.target.checked ? "chars" : "words")} /> {t("byCharacter")}
        </label>
        <button type="button" onClick={props.onClose}>
          {t("close")}
        </button>
      </div>
      <p className={styles.source} lang={props.sourceLang} data-testid="history-source">
        {props.source}
      </p>
      {error && <p role="alert">{t("loadFailed", { error })}</p>}
      {message && <p role="status">{message}</p>}
      {compared && (
        <div className={styles.compare} data-testid="history-compare">
          <SideBySideDiff before={compared[0]!.target} after={compared[1]!.target} lang={props.targetLang} mode={mode} labels={[t("version", { version: compared[0]!.version }), t("version", { version: compared[1]!.version })]} />
        </div>
      )}
      {!history && !error && <p className={styles.hint}>{t("loading")}</p>}
      {history && history.length > FIRST_SHOWN && !showAll && (
        <button type="button" onClick={() => setShowAll(true)}>
          {t("showEarlier", { count: history.length - FIRST_SHOWN })}
        </button>
      )}
      <ol className={styles.timeline}>
        {(showAll ? (history ?? []) : (history ?? []).slice(-FIRST_SHOWN)).map((entry) =>
          entry.type === "revision" ? (
            <li key={entry.id} data-testid="history-revision" data-version={entry.version} data-kind={entry.kind}>
              <div className={styles.meta}>
                <label>
                  <input type="checkbox" checked={picked.includes(entry.version)} onChange={() => pick(entry.version)} aria-label={t("compareVersion", { version: entry.version })} /> {t("versionShort", { version: entry.version })}
                </label>
                <span className={styles.kind}>{kindLabels[entry.kind] ?? entry.kind}</span>
                {entry.kind === "restore" && restoredFrom(entry.note) !== null && <span>{t("restoredFrom", { version: restoredFrom(entry.note)! })}</span>}
                <span>{entry.authorName ?? (entry.formerAuthor ? tRoot("common.formerMember") : t("system"))}</span>
                {entry.authorRole && <span className={styles.hint}>{t("role", { role: isProjectRole(entry.authorRole) ? tRoot(roleLabelKey(entry.authorRole)) : entry.authorRole })}</span>}
                <time dateTime={entry.at} className={styles.hint}>
                  {f.dateTimeSeconds(entry.at)}
                </time>
                <span className={styles.status}>{statusLabel(entry.status)}</span>
                {props.canRestore && entry.target && entry.target !== props.currentTarget && entry.kind !== "status" && (
                  <button type="button" onClick={() => void restore(entry)}>
                    {t("restore")}
                  </button>
                )}
              </div>
              <RevisionChange entry={entry} previous={previousOf.get(entry.version)} mode={mode} sourceLang={props.sourceLang} targetLang={props.targetLang} />
            </li>
          ) : (
            <li key={entry.id} className={styles.comment} data-testid="history-comment">
              <div className={styles.meta}>
                <span className={styles.kind}>{entry.type === "comment" ? (entry.isIssue ? t("issue") : t("comment")) : t("resolved")}</span>
                <span>{entry.authorName ?? tRoot("common.formerMember")}</span>
                <time dateTime={entry.at} className={styles.hint}>
                  {f.dateTimeSeconds(entry.at)}
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
  const t = useTranslations("history");
  const tRoot = useTranslations();
  const statusLabel = (status: string) => (isSegmentStatus(status) ? tRoot(statusLabelKey(status)) : status);
  if (!previous) return <div className={styles.body} lang={targetLang}>{entry.target || <em>{t("empty")}</em>}</div>;
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
          <span className={styles.hint}>{t("chinese")} </span>
          <InlineDiff before={previous.source} after={entry.source} lang={sourceLang} mode={mode} />
        </div>
      )}
      {entry.target !== previous.target ? (
        <InlineDiff before={previous.target} after={entry.target} lang={targetLang} mode={mode} />
      ) : (
        entry.source === previous.source && <span className={styles.hint}>{t("englishUnchanged")}</span>

      )}
    </div>
  );
}
