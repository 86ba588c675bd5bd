"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { applyTrackedReimport, trackedReimportPlanPage } from "@/app/documents/[documentId]/reimport/actions";
import { InlineDiff } from "@/components/diff/inline-diff";
import { ui } from "@/components/ui/page-header";
import { compose } from "@/lib/exchange/tracked/tracked-text";
import { PROJECT_ROLES, type ProjectRole } from "@/lib/auth/permissions";
import { useFormat } from "@/lib/i18n/use-format";
import type { TrackedSegmentPlan } from "@/lib/exchange/tracked/tracked-plan";
import { acceptedUnder, type TrackedBase, type TrackedPlanPage, type TrackedPlanSummary } from "@/lib/exchange/tracked/tracked-plan-model";
import styles from "./exchange.module.css";
import { MemberPicker, ReimportCard, SegmentHeading, ShowMore } from "./reimport-parts";

/** A change's place in the person's overrides. */
const changeId = (segmentId: string, key: string) => `${segmentId}\u0000${key}`;

/**
 * The tracked review of a Word file: who made the changes (matched to members, or chosen), then
 * per segment each tracked insertion and deletion — and edits made without tracking — to accept
 * or reject, with the resulting text previewed; Word comments to add to the segment's thread.
 * Segments edited in Duizhao since the export are conflicts: their changes start rejected.
 * The plan stays on the server (lib/exchange/tracked/tracked-plans.ts): the page shows it a page
 * of segments at a time ("Show more") and keeps only the person's departures from where every
 * change stands (as planned, or all accepted / rejected), which the apply sends.
 */
export function TrackedReview(props: {
  documentId: string;
  summary: TrackedPlanSummary;
  first: TrackedPlanPage;
  me: { id: string; name: string };
  lang: string;
  onBack: () => void;
  onDone: (text: string) => void;
}) {
  const { summary, me } = props;
  const t = useTranslations("exchange");
  const roleName = useTranslations("roles");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [segments, setSegments] = useState<TrackedSegmentPlan[]>(props.first.segments);
  const [loadedPages, setLoadedPages] = useState(1);
  const [loadingMore, setLoadingMore] = useState(false);
  const [authors, setAuthors] = useState<Record<string, string>>(() => Object.fromEntries(summary.authors.map((a) => [a.name, a.suggestedUserId ?? me.id])));
  const [untrackedBy, setUntrackedBy] = useState(me.id);
  const [base, setBase] = useState<TrackedBase>("planned");
  // Decisions departing from the base: change → accepted or not.
  const [overrides, setOverrides] = useState<Map<string, boolean>>(new Map());
  const [skipComments, setSkipComments] = useState<Set<string>>(new Set());
  const people = useMemo(() => {
    const role = (r: string) => ((PROJECT_ROLES as readonly string[]).includes(r) ? roleName(r as ProjectRole) : r);
    const list = summary.members.map((m) => ({ id: m.id, label: t("tracked.member", { name: m.name, role: role(m.role) }) }));
    if (!summary.members.some((m) => m.id === me.id)) list.unshift({ id: me.id, label: t("tracked.you", { name: me.name }) });
    return list;
  }, [summary.members, me, t, roleName]);

  async function loadMore() {
    if (loadingMore) return;
    setLoadingMore(true);
    const r = await trackedReimportPlanPage({ documentId: props.documentId, planId: summary.planId, page: loadedPages }).catch(() => null);
    setLoadingMore(false);
    if (!r || !r.ok) return setError(r && !r.ok ? r.error : t("tracked.showMoreFailed"));
    setSegments((now) => [...now, ...r.segments]);
    setLoadedPages((n) => n + 1);
  }

  const isAccepted = (s: TrackedSegmentPlan, key: string) => !s.refused && (overrides.get(changeId(s.segmentId, key)) ?? acceptedUnder(base, s));
  const decide = (s: TrackedSegmentPlan, key: string, accepted: boolean) =>
    setOverrides((now) => {
      const next = new Map(now);
      if (accepted === acceptedUnder(base, s)) next.delete(changeId(s.segmentId, key));
      else next.set(changeId(s.segmentId, key), accepted);
      return next;
    });
  const setAll = (accepted: boolean) => {
    setBase(accepted ? "acceptAll" : "rejectAll");
    setOverrides(new Map());
  };
  // The counts of the whole plan (the summary's, for the base) moved by the overrides, which only name shown changes.
  const byId = new Map(segments.map((s) => [s.segmentId, s]));
  let accepted = summary.accepted[base];
  for (const [id, on] of overrides) {
    const s = byId.get(id.slice(0, id.indexOf("\u0000")));
    if (s && !s.refused && on !== acceptedUnder(base, s)) accepted += on ? 1 : -1;
  }
  const skipped = [...skipComments].filter((id) => !byId.get(id.slice(0, id.indexOf("\u0000")))?.refused).length;
  const comments = summary.comments - skipped;

  function apply() {
    setError(null);
    const split = (id: string) => ({ segmentId: id.slice(0, id.indexOf("\u0000")), key: id.slice(id.indexOf("\u0000") + 1) });
    const input = {
      documentId: props.documentId,
      planId: summary.planId,
      base,
      overrides: [...overrides].map(([id, on]) => ({ ...split(id), accepted: on })),
      skippedComments: [...skipComments].map(split),
      authors: Object.entries(authors).map(([name, userId]) => ({ name, userId })),
      untrackedBy,
    };
    startTransition(async () => {
      const r = await applyTrackedReimport(input);
      if (!r.ok) return setError(r.error);
      props.onDone(t("tracked.applied", { accepted, revisions: r.revisions, rejected: r.rejected, comments: r.comments, file: summary.fileName }));
    });
  }

  return (
    <ReimportCard
      label={t("tracked.label")}
      summary={t("tracked.summary", {
        file: summary.fileName,
        count: summary.segments,
        unchanged: summary.unchanged,
        conflicts: summary.conflicts,
        unknown: summary.unknown,
      })}
      before={
        <>
          {(summary.authors.length > 0 || summary.hasUntracked) && (
            <fieldset className={styles.authors}>
              <legend>{t("tracked.authors")}</legend>
              {summary.authors.map((a) => (
                <MemberPicker
                  key={a.name}
                  text={t("tracked.authorIs", { name: a.name })}
                  ariaLabel={t("tracked.memberFor", { name: a.name })}
                  value={authors[a.name] ?? me.id}
                  onChange={(id) => setAuthors({ ...authors, [a.name]: id })}
                  people={people}
                />
              ))}
              {summary.hasUntracked && <MemberPicker text={t("tracked.untrackedBy")} ariaLabel={t("tracked.untrackedMember")} value={untrackedBy} onChange={setUntrackedBy} people={people} />}
            </fieldset>
          )}
          <div className={styles.actions}>
            <button type="button" className={ui.button} onClick={() => setAll(true)}>
              {t("tracked.acceptAll")}
            </button>
            <button type="button" className={ui.button} onClick={() => setAll(false)}>
              {t("tracked.rejectAll")}
            </button>
          </div>
        </>
      }
      error={error}
      onBack={props.onBack}
      pending={pending}
      applyLabel={t("tracked.apply", { accepted, comments })}
      applyDisabled={accepted + comments === 0}
      onApply={apply}
      afterList={loadedPages < summary.pages ? <ShowMore shown={t("tracked.shown", { shown: segments.length, total: summary.segments })} onMore={loadMore} loading={loadingMore} /> : null}
    >
      {segments.map((s) => (
        <SegmentItem
          key={s.segmentId}
          segment={s}
          lang={props.lang}
          isAccepted={(key) => isAccepted(s, key)}
          onDecide={(key, on) => decide(s, key, on)}
          commentChosen={(key) => !skipComments.has(changeId(s.segmentId, key))}
          onToggleComment={(key) =>
            setSkipComments((prev) => {
              const next = new Set(prev);
              const id = changeId(s.segmentId, key);
              if (next.has(id)) next.delete(id);
              else next.add(id);
              return next;
            })
          }
        />
      ))}
    </ReimportCard>
  );
}

function SegmentItem(props: {
  segment: TrackedSegmentPlan;
  lang: string;
  isAccepted: (key: string) => boolean;
  onDecide: (key: string, accepted: boolean) => void;
  commentChosen: (key: string) => boolean;
  onToggleComment: (key: string) => void;
}) {
  const { segment: s, isAccepted, lang } = props;
  const t = useTranslations("exchange");
  const f = useFormat();
  const composed = compose(s.atoms, isAccepted).trim();
  const result = s.placeholder !== null && composed === s.placeholder ? "" : composed;
  return (
    <li className={s.conflict ? styles.conflict : undefined} data-testid="tracked-segment" data-conflict={s.conflict}>
      <SegmentHeading number={s.number} conflict={s.conflict} refused={s.refused} source={s.source} />
      {s.conflict && s.exported !== null && (
        <div>
          <div className={styles.label}>{t("tracked.exportedToNow")}</div>
          <InlineDiff before={s.exported} after={s.current} lang={lang} />
        </div>
      )}
      {s.changes.length > 0 && (
        <ul className={styles.trackedChanges}>
          {s.changes.map((c) => (
            <li key={c.key} data-testid="tracked-change" data-accepted={isAccepted(c.key)}>
              <span className={styles.changeText} lang={lang}>
                {c.removed && <del>{c.removed}</del>}
                {c.added && <ins>{c.added}</ins>}
              </span>
              <span className={styles.changeMeta}>
                {t("tracked.changeMeta", {
                  kind: c.kind,
                  tracked: c.tracked ? "yes" : "no",
                  author: c.author || t("tracked.unnamedAuthor"),
                })}
                {c.date && (
                  <>
                    {t("tracked.dateSeparator")}
                    <time dateTime={c.date}>{Number.isNaN(Date.parse(c.date)) ? c.date : f.dateTime(new Date(c.date))}</time>
                  </>
                )}
              </span>
              <span className={styles.decision} role="group" aria-label={t("tracked.changeIn", { key: c.key, n: s.number, conflict: s.conflict ? "yes" : "no" })}>
                <button type="button" className={ui.button} aria-pressed={isAccepted(c.key)} disabled={!!s.refused} onClick={() => props.onDecide(c.key, true)}>
                  {t("tracked.accept")}
                </button>
                <button type="button" className={ui.button} aria-pressed={!isAccepted(c.key)} disabled={!!s.refused} onClick={() => props.onDecide(c.key, false)}>
                  {t("tracked.reject")}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {s.changes.length > 0 && (
        <div data-testid="tracked-result">
          <div className={styles.label}>{t("tracked.nowToResult")}</div>
          <InlineDiff before={s.current} after={result} lang={lang} />
        </div>
      )}
      {s.comments.map((c) => (
        <label key={c.key} className={styles.wordComment} data-testid="tracked-comment">
          <input type="checkbox" checked={props.commentChosen(c.key)} onChange={() => props.onToggleComment(c.key)} /> {t("tracked.addComment", { reply: c.parentKey || c.parentCommentId ? "yes" : "no", author: c.author, text: c.text })}
        </label>
      ))}
    </li>
  );
}
