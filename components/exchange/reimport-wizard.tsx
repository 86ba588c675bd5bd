"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { applyReimport, previewReimport } from "@/app/documents/[documentId]/reimport/actions";
import { JobProgressBar, useJobProgress } from "@/components/jobs/job-progress";
import { InlineDiff } from "@/components/diff/inline-diff";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useUploadLimitMessages } from "@/components/ui/upload-limit";
import type { PlannedChange, TranslationPlan } from "@/lib/exchange/apply-translations";
import type { TrackedPlan } from "@/lib/exchange/tracked/tracked-plan";
import styles from "./exchange.module.css";
import { ReimportCard, SegmentHeading } from "./reimport-parts";
import { TrackedReview } from "./tracked-review";

/**
 * Upload → every changed English text as a diff (current → file) → tick what to apply → apply as
 * revisions, all or nothing. Segments edited in Duizhao since the export are conflicts: shown
 * with all three texts and left unticked, so nothing is overwritten blindly.
 */
export function ReimportWizard({ documentId, maxUploadBytes, targetLang, me }: { documentId: string; maxUploadBytes: number; targetLang: string; me: { id: string; name: string } }) {
  const t = useTranslations("exchange");
  const upload = useUploadLimitMessages();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ plan: TranslationPlan; fileName: string } | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<number | null>(null);
  const [tracked, setTracked] = useState<{ plan: TrackedPlan; fileName: string } | null>(null);
  const [trackedDone, setTrackedDone] = useState<string | null>(null);
  const job = useJobProgress();

  function preview(form: FormData) {
    setError(null);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setError(t("reimport.chooseFile"));
    const oversize = upload.oversize(file, maxUploadBytes);
    if (oversize) return setError(oversize);
    form.set("documentId", documentId);
    startTransition(async () => {
      const r = await previewReimport(form).catch(() => ({ ok: false as const, error: upload.failed(maxUploadBytes) }));
      if (!r.ok) return setError(r.error);
      if (r.tracked) return setTracked({ plan: r.tracked, fileName: r.fileName });
      setResult({ plan: r.plan, fileName: r.fileName });
      setChosen(new Set(r.plan.changes.filter((c) => !c.conflict && !c.refused).map((c) => c.segmentId)));
    });
  }

  function apply() {
    if (!result) return;
    const changes = result.plan.changes.filter((c) => chosen.has(c.segmentId)).map((c) => ({ segmentId: c.segmentId, version: c.version, target: c.incoming }));
    startTransition(async () => {
      const r = await applyReimport({ documentId, fileName: result.fileName, changes, jobId: job.begin() });
      job.end();
      if (!r.ok) return setError(r.error);
      setDone(r.applied);
    });
  }

  if (trackedDone !== null) {
    return (
      <section className={`${ui.card} ${ui.padded}`} role="status">
        <p>
          {trackedDone} <Link href={`/documents/${documentId}/edit`}>{t("reimport.openEditor")}</Link>
        </p>
      </section>
    );
  }

  if (tracked) {
    return <TrackedReview documentId={documentId} fileName={tracked.fileName} plan={tracked.plan} me={me} lang={targetLang} onBack={() => setTracked(null)} onDone={setTrackedDone} />;
  }

  if (done !== null) {
    return (
      <section className={`${ui.card} ${ui.padded}`} role="status">
        <p>
          {t("reimport.applied", { count: done, file: result?.fileName ?? "" })} <Link href={`/documents/${documentId}/edit`}>{t("reimport.openEditor")}</Link>
        </p>
      </section>
    );
  }

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

  const { plan } = result;
  const toggle = (id: string) => setChosen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  return (
    <ReimportCard
      label={t("reimport.changesLabel")}
      summary={t("reimport.summary", {
        file: result.fileName,
        changed: plan.changes.length,
        unchanged: plan.unchanged,
        conflicts: plan.changes.filter((c) => c.conflict).length,
        unknown: plan.unknown.length,
      })}
      error={error}
      onBack={() => setResult(null)}
      pending={pending}
      applyLabel={t("reimport.apply", { count: chosen.size })}
      applyDisabled={chosen.size === 0}
      onApply={apply}
      after={<JobProgressBar progress={job.progress} running={job.running} label={t("reimport.progress")} />}
    >
      {plan.changes.map((c) => (
        <ChangeItem key={c.segmentId} change={c} chosen={chosen.has(c.segmentId)} onToggle={() => toggle(c.segmentId)} lang={targetLang} />
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
        control={<input type="checkbox" checked={chosen} disabled={!!c.refused} onChange={onToggle} aria-label={t("reimport.applyOne", { n: c.number })} />}
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
