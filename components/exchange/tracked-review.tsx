"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { applyTrackedReimport } from "@/app/documents/[documentId]/reimport/actions";
import { InlineDiff } from "@/components/diff/inline-diff";
import { ui } from "@/components/ui/page-header";
import { compose } from "@/lib/exchange/tracked/tracked-text";
import { PROJECT_ROLES, type ProjectRole } from "@/lib/auth/permissions";
import { useFormat } from "@/lib/i18n/use-format";
import type { PlannedTrackedChange, TrackedPlan, TrackedSegmentPlan } from "@/lib/exchange/tracked/tracked-plan";
import styles from "./exchange.module.css";
import { MemberPicker, ReimportCard, SegmentHeading } from "./reimport-parts";

type Decisions = Record<string, Record<string, boolean>>; // segmentId → change key → accepted

/**
 * The tracked review of a Word file: who made the changes (matched to members, or chosen), then
 * per segment each tracked insertion and deletion — and edits made without tracking — to accept
 * or reject, with the resulting text previewed; Word comments to add to the segment's thread.
 * Segments edited in Duizhao since the export are conflicts: their changes start rejected.
 */
export function TrackedReview(props: { documentId: string; fileName: string; plan: TrackedPlan; me: { id: string; name: string }; lang: string; onBack: () => void; onDone: (text: string) => void }) {
  const { plan, me } = props;
  const t = useTranslations("exchange");
  const roleName = useTranslations("roles");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [authors, setAuthors] = useState<Record<string, string>>(() => Object.fromEntries(plan.authors.map((a) => [a.name, a.suggestedUserId ?? me.id])));
  const [untrackedBy, setUntrackedBy] = useState(me.id);
  const [decisions, setDecisions] = useState<Decisions>(() =>
    Object.fromEntries(plan.segments.map((s) => [s.segmentId, Object.fromEntries(s.changes.map((c) => [c.key, !s.conflict && !s.refused]))])),
  );
  const [skipComments, setSkipComments] = useState<Set<string>>(new Set());
  const people = useMemo(() => {
    const role = (r: string) => ((PROJECT_ROLES as readonly string[]).includes(r) ? roleName(r as ProjectRole) : r);
    const list = plan.members.map((m) => ({ id: m.id, label: t("tracked.member", { name: m.name, role: role(m.role) }) }));
    if (!plan.members.some((m) => m.id === me.id)) list.unshift({ id: me.id, label: t("tracked.you", { name: me.name }) });
    return list;
  }, [plan.members, me, t, roleName]);

  const set = (segmentId: string, key: string, accepted: boolean) => setDecisions((d) => ({ ...d, [segmentId]: { ...d[segmentId], [key]: accepted } }));
  const setAll = (accepted: boolean) =>
    setDecisions(Object.fromEntries(plan.segments.map((s) => [s.segmentId, Object.fromEntries(s.changes.map((c) => [c.key, accepted && !s.refused]))])));
  const counts = plan.segments.reduce(
    (n, s) => {
      for (const c of s.changes) n[decisions[s.segmentId]?.[c.key] ? "accepted" : "rejected"]++;
      n.comments += s.comments.filter((c) => !skipComments.has(`${s.segmentId}:${c.key}`)).length;
      return n;
    },
    { accepted: 0, rejected: 0, comments: 0 },
  );
  const whoDid = (c: PlannedTrackedChange) => (c.author !== null ? (authors[c.author] ?? me.id) : untrackedBy);

  function apply() {
    setError(null);
    const payload = plan.segments
      .filter((s) => !s.refused)
      .map((s) => ({
        segmentId: s.segmentId,
        version: s.version,
        atoms: s.atoms,
        placeholder: s.placeholder,
        changes: s.changes.map((c) => ({ key: c.key, accepted: !!decisions[s.segmentId]?.[c.key], userId: whoDid(c), date: c.date })),
        comments: s.comments
          .filter((c) => !skipComments.has(`${s.segmentId}:${c.key}`))
          .map((c) => ({ key: c.key, userId: authors[c.author] ?? me.id, text: c.text, parentKey: c.parentKey, parentCommentId: c.parentCommentId })),
      }));
    startTransition(async () => {
      const r = await applyTrackedReimport({ documentId: props.documentId, fileName: props.fileName, decisions: payload });
      if (!r.ok) return setError(r.error);
      props.onDone(t("tracked.applied", { accepted: counts.accepted, revisions: r.revisions, rejected: r.rejected, comments: r.comments, file: props.fileName }));
    });
  }

  const hasUntracked = plan.segments.some((s) => s.changes.some((c) => !c.tracked));
  return (
    <ReimportCard
      label={t("tracked.label")}
      summary={t("tracked.summary", {
        file: props.fileName,
        count: plan.segments.length,
        unchanged: plan.unchanged,
        conflicts: plan.segments.filter((s) => s.conflict).length,
        unknown: plan.unknown.length,
      })}
      before={
        <>
          {(plan.authors.length > 0 || hasUntracked) && (
            <fieldset className={styles.authors}>
              <legend>{t("tracked.authors")}</legend>
              {plan.authors.map((a) => (
                <MemberPicker
                  key={a.name}
                  text={t("tracked.authorIs", { name: a.name })}
                  ariaLabel={t("tracked.memberFor", { name: a.name })}
                  value={authors[a.name] ?? me.id}
                  onChange={(id) => setAuthors({ ...authors, [a.name]: id })}
                  people={people}
                />
              ))}
              {hasUntracked && <MemberPicker text={t("tracked.untrackedBy")} ariaLabel={t("tracked.untrackedMember")} value={untrackedBy} onChange={setUntrackedBy} people={people} />}
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
      applyLabel={t("tracked.apply", { accepted: counts.accepted, comments: counts.comments })}
      applyDisabled={counts.accepted + counts.comments === 0}
      onApply={apply}
    >
      {plan.segments.map((s) => (
        <SegmentItem
          key={s.segmentId}
          segment={s}
          lang={props.lang}
          accepted={decisions[s.segmentId] ?? {}}
          onDecide={(key, accepted) => set(s.segmentId, key, accepted)}
          commentChosen={(key) => !skipComments.has(`${s.segmentId}:${key}`)}
          onToggleComment={(key) =>
            setSkipComments((prev) => {
              const next = new Set(prev);
              const id = `${s.segmentId}:${key}`;
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
  accepted: Record<string, boolean>;
  onDecide: (key: string, accepted: boolean) => void;
  commentChosen: (key: string) => boolean;
  onToggleComment: (key: string) => void;
}) {
  const { segment: s, accepted, lang } = props;
  const t = useTranslations("exchange");
  const f = useFormat();
  const composed = compose(s.atoms, (k) => !!accepted[k]).trim();
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
            <li key={c.key} data-testid="tracked-change" data-accepted={!!accepted[c.key]}>
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
              <span className={styles.decision} role="group" aria-label={t("tracked.changeIn", { key: c.key, n: s.number })}>
                <button type="button" className={ui.button} aria-pressed={!!accepted[c.key]} disabled={!!s.refused} onClick={() => props.onDecide(c.key, true)}>
                  {t("tracked.accept")}
                </button>
                <button type="button" className={ui.button} aria-pressed={!accepted[c.key]} disabled={!!s.refused} onClick={() => props.onDecide(c.key, false)}>
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
