"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { applyReimport, reimportPlanPage } from "@/app/documents/[documentId]/reimport/actions";
import { JobProgressBar, useJobProgress } from "@/components/jobs/job-progress";
import { InlineDiff } from "@/components/diff/inline-diff";
import { ui } from "@/components/ui/page-header";
import { postUpload } from "@/components/ui/post-upload";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useUploadLimitMessages } from "@/components/ui/upload-limit";
import type { PlannedChange } from "@/lib/exchange/apply-translations";
import { chosenByDefault, type PlanSummary } from "@/lib/exchange/reimport-plan-model";
import type { ReimportPreview } from "@/lib/exchange/reimport-preview";
import type { TrackedPlanPage, TrackedPlanSummary } from "@/lib/exchange/tracked/tracked-plan-model";
import styles from "./exchange.module.css";
import { ReimportCard, ReimportDone, SegmentHeading, ShowMore } from "./reimport-parts";
import { TrackedReview } from "./tracked-review";

/**
 * Upload → every changed English text as a diff (current → file) → tick what to apply → apply as
 * revisions, all or nothing. Segments edited in Duizhao since the export are conflicts: shown
 * with all three texts and left unticked, so nothing is overwritten blindly. The plan stays on the
 * server (lib/exchange/reimport-plans.ts): the page shows it a page at a time ("Show more") and
 * keeps only the person's departures from the default choice, which the apply sends.
 */
export function ReimportWizard({ documentId, maxUploadBytes, targetLang, me }: { documentId: string; maxUploadBytes: number; targetLang: string; me: { id: string; name: string } }) {
  const t = useTranslations("exchange");
  const upload = useUploadLimitMessages();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  // Its own transition: the review appears while the preview's is still ending, and must not say "Applying…" then.
  const [applying, startApplying] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ summary: PlanSummary; changes: PlannedChange[]; loadedPages: number } | null>(null);
  // Departures from the default choice: segment id → ticked or not.
  const [overrides, setOverrides] = useState<Map<string, boolean>>(new Map());
  const [loadingMore, setLoadingMore] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [tracked, setTracked] = useState<{ summary: TrackedPlanSummary; first: TrackedPlanPage } | null>(null);
  const [trackedDone, setTrackedDone] = useState<string | null>(null);
  const job = useJobProgress();

  function preview(form: FormData) {
    setError(null);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setError(t("reimport.chooseFile"));
    const oversize = upload.oversize(file, maxUploadBytes);
    if (oversize) return setError(oversize);
    startTransition(async () => {
      const r = await postUpload<ReimportPreview>(`/api/documents/${documentId}/reimport/preview`, file).catch(() => ({ ok: false as const, error: upload.failed(maxUploadBytes) }));
      if (!r.ok) return setError(r.error);
      if (r.tracked) return setTracked(r.tracked);
      setResult({ summary: r.plan.summary, changes: r.plan.first.changes, loadedPages: 1 });
      setOverrides(new Map());
    });
  }

  async function loadMore() {
    if (!result || loadingMore) return;
    setLoadingMore(true);
    const r = await reimportPlanPage({ documentId, planId: result.summary.planId, page: result.loadedPages }).catch(() => null);
    setLoadingMore(false);
    if (!r || !r.ok) return setError(r && !r.ok ? r.error : t("reimport.showMoreFailed"));
    setResult((now) => (now && now.summary.planId === result.summary.planId ? { ...now, changes: [...now.changes, ...r.changes], loadedPages: now.loadedPages + 1 } : now));
  }

  const isChosen = (c: PlannedChange) => !c.refused && (overrides.get(c.segmentId) ?? chosenByDefault(c));

  function apply() {
    if (!result) return;
    const excluded: string[] = [];
    const included: string[] = [];
    for (const [id, ticked] of overrides) (ticked ? included : excluded).push(id);
    // Begun outside the transition: what is set inside one shows only when the action ends, so
    // the progress bar would never appear while the changes are applied.
    const jobId = job.begin();
    startApplying(async () => {
      const r = await applyReimport({ documentId, planId: result.summary.planId, excluded, included, jobId });
      job.end();
      if (!r.ok) return setError(r.error);
      setDone(r.applied);
    });
  }

  if (trackedDone !== null) return <ReimportDone text={trackedDone} documentId={documentId} />;

  if (tracked) {
    return <TrackedReview key={tracked.summary.planId} documentId={documentId} summary={tracked.summary} first={tracked.first} me={me} lang={targetLang} onBack={() => setTracked(null)} onDone={setTrackedDone} />;
  }

  if (done !== null) return <ReimportDone text={t("reimport.applied", { count: done, file: result?.summary.fileName ?? "" })} documentId={documentId} />;

  if (!result) {
    return (
      <form
        className={`${ui.card} ${ui.padded} ${styles.form}`}
        onSubmit={(e) => {
          e.preventDefault();
          preview(new FormData(e.currentTarget));
        }}
      >
        <label>
          {t("reimport.file")}{" "}
          <input name="file" type="file" accept=".docx,.xlf,.xliff,.csv,.xlsx" />
        </label>
        <p className={ui.emptyInline}>{t("reimport.help")}</p>
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || pending}>
          {pending ? t("reimport.reading") : t("reimport.show")}
        </button>
      </form>
    );
  }

  const { summary, changes } = result;
  const byId = new Map(changes.map((c) => [c.segmentId, c]));
  // The overrides only ever name loaded changes, each departing from its default.
  let chosenCount = summary.chosenByDefault;
  for (const [id, ticked] of overrides) chosenCount += chosenByDefault(byId.get(id)!) ? (ticked ? 0 : -1) : ticked ? 1 : 0;
  const toggle = (c: PlannedChange) =>
    setOverrides((now) => {
      const next = new Map(now);
      const ticked = !isChosen(c);
      if (ticked === chosenByDefault(c)) next.delete(c.segmentId);
      else next.set(c.segmentId, ticked);
      return next;
    });
  return (
    <ReimportCard
      label={t("reimport.changesLabel")}
      summary={t("reimport.summary", {
        file: summary.fileName,
        changed: summary.changed,
        unchanged: summary.unchanged,
        conflicts: summary.conflicts,
        unknown: summary.unknown,
      })}
      error={error}
      onBack={() => setResult(null)}
      pending={applying}
      applyLabel={t("reimport.apply", { count: chosenCount })}
      applyDisabled={chosenCount === 0}
      onApply={apply}
      afterList={
        result.loadedPages < summary.pages ? <ShowMore shown={t("reimport.shown", { shown: changes.length, total: summary.changed })} onMore={loadMore} loading={loadingMore} /> : null
      }
      after={<JobProgressBar progress={job.progress} running={job.running} label={t("reimport.progress")} />}
    >
      {changes.map((c) => (
        <ChangeItem key={c.segmentId} change={c} chosen={isChosen(c)} onToggle={() => toggle(c)} lang={targetLang} />
      ))}
    </ReimportCard>
  );
}

function ChangeItem({ change: c, chosen, onToggle, lang }: { change: PlannedChange; chosen: boolean; onToggle: () => void; lang: string }) {
  const t = useTranslations("exchange");
  return (
    <li className={c.conflict ? styles.conflict : undefined} data-testid="reimport-change" data-conflict={c.conflict}>
      <SegmentHeading
        number={c.number}
        conflict={c.conflict}
        refused={c.refused}
        source={c.source}
        control={
          <input
            type="checkbox"
            checked={chosen}
            disabled={!!c.refused}
            onChange={onToggle}
            // The label names the segment, whether it is a conflict and why it cannot be changed, as the heading shows them.
            aria-label={t("reimport.applyOne", { n: c.number, conflict: c.conflict ? "yes" : "no", refused: c.refused ?? "none" })}
          />
        }
      />
      {c.conflict && c.exported !== null ? (
        <div className={styles.three}>
          <div>
            <div className={styles.label}>{t("reimport.exported")}</div>
            <div lang={lang}>{c.exported}</div>
          </div>
          <div>
            <div className={styles.label}>{t("reimport.current")}</div>
            <div lang={lang}>{c.current}</div>
          </div>
          <div>
            <div className={styles.label}>{t("reimport.inFile")}</div>
            <InlineDiff before={c.exported} after={c.incoming} lang={lang} />
          </div>
        </div>
      ) : (
        <div>
          <div className={styles.label}>{t("reimport.nowToFile")}</div>
          <InlineDiff before={c.current} after={c.incoming} lang={lang} />
        </div>
      )}
    </li>
  );
}
