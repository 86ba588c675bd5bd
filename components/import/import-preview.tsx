"use client";

import { useTranslations } from "next-intl";
import { WarningIcon } from "@/components/ui/icons";
import { useMemo, useState, useTransition } from "react";
import type { CreateInput } from "@/app/projects/[projectId]/import/actions";
import type { PreviewResult } from "@/lib/documents/import-preview";
import { KindLabel, WarningBadge } from "@/components/ui/badges";
import { ui } from "@/components/ui/page-header";
import { JobProgressBar, useJobProgress } from "@/components/jobs/job-progress";
import { segmentsFromAnalysis } from "@/lib/documents/analyse-import";
import { JoinProposals, type JoinDecision } from "./join-proposals";
import styles from "./import.module.css";

type Preview = Extract<PreviewResult, { ok: true; kind: "source" }>;

/** Rows drawn in the preview list; a 50,000-paragraph import would otherwise freeze the page. */
const PREVIEW_ROWS = 1_000;

/** Encoding names are the same in every language; the two that are words are translated below. */
const ENCODING_NAMES: Record<string, string> = { "utf-8": "UTF-8", "utf-16le": "UTF-16 LE", "utf-16be": "UTF-16 BE", gb18030: "GB18030 / GBK" };

/**
 * The second step: the user decides on every proposed join, sees the resulting segments with
 * their kinds, names the document and creates it. Nothing is written before "Create".
 */
export function ImportPreview(props: {
  projectId: string;
  preview: Preview;
  create: (input: CreateInput) => Promise<{ ok: false; error: string; status?: number }>;
  onBack: () => void;
}) {
  const t = useTranslations("import");
  const { analysis } = props.preview;
  const encoding = props.preview.encoding;
  const encodingName = encoding === "pasted" ? t("preview.pasted") : encoding === "utf-8-bom" ? t("preview.utf8Bom") : (ENCODING_NAMES[encoding] ?? encoding);
  const [decisions, setDecisions] = useState<Record<number, JoinDecision>>({});
  const [title, setTitle] = useState(props.preview.suggestedTitle);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const job = useJobProgress();
  // From the click until the new document opens (or a failure comes back): what was decided is
  // being written, so nothing that would change it can be used meanwhile.
  const creating = pending || job.running;

  const accepted = analysis.joins.filter((j) => decisions[j.id] === "join").map((j) => j.id);
  const undecided = analysis.joins.filter((j) => !decisions[j.id]).length;
  const segments = useMemo(() => {
    const rejected = analysis.joins.filter((j) => decisions[j.id] === "separate").map((j) => j.id);
    return segmentsFromAnalysis(
      analysis,
      analysis.joins.filter((j) => decisions[j.id] === "join").map((j) => j.id),
      rejected,
    );
  }, [analysis, decisions]);
  const truncatedCount = segments.filter((s) => s.truncated).length;

  function create() {
    if (creating) return;
    setError(null);
    // Begun outside the transition: what is set inside one shows only when the action ends, so
    // the progress bar would never appear while the document is written.
    const jobId = job.begin();
    startTransition(async () => {
      const result = await props.create({
        projectId: props.projectId,
        title,
        text: props.preview.text,
        format: props.preview.format,
        encoding: props.preview.encoding,
        origin: props.preview.origin,
        acceptedJoins: accepted,
        jobId,
      });
      job.end();
      // On success the server redirects to the new document; only failures come back.
      if (result && !result.ok) setError(result.error);
    });
  }

  return (
    <div className={styles.preview}>
      <div className={`${ui.card} ${styles.summary}`} data-testid="import-summary">
        <span>{t.rich("preview.blocks", { count: analysis.blocks.length, b: (chunks) => <strong>{chunks}</strong> })}</span>
        <span>{t.rich("preview.joins", { count: analysis.joins.length, b: (chunks) => <strong>{chunks}</strong> })}</span>
        <span>{t.rich("preview.truncatedCount", { count: truncatedCount, b: (chunks) => <strong>{chunks}</strong> })}</span>
        <span>{t("preview.encoding", { encoding: encodingName })}</span>
        <button type="button" className={ui.button} disabled={creating} onClick={props.onBack}>
          {t("preview.changeSource")}
        </button>
      </div>

      <JoinProposals
        analysis={analysis}
        decisions={decisions}
        onDecide={(id, decision) => setDecisions((d) => ({ ...d, [id]: decision }))}
        onDecideAll={(decision) => setDecisions(Object.fromEntries(analysis.joins.map((j) => [j.id, decision])))}
        disabled={creating}
      />

      <section className={ui.card} aria-labelledby="result-heading">
        <div className={styles.sectionHead}>
          <h2 id="result-heading">
            {t.rich("preview.result", { count: segments.length, n: (chunks) => <span data-testid="result-count">{chunks}</span> })}
          </h2>
        </div>
        <ol className={styles.resultList}>
          {segments.slice(0, PREVIEW_ROWS).map((s, i) => (
            <li key={s.blocks[0]} className={styles.resultRow} data-testid="preview-segment" data-kind={s.kind}>
              <span className={styles.resultNumber}>{i + 1}</span>
              <KindLabel kind={s.kind} />
              <span lang="zh-CN" className={styles.resultText}>
                {s.source}
                {s.blocks.length > 1 && <span className={styles.joinedMark}> · {t("preview.joinedFrom", { count: s.blocks.length })}</span>}
                {s.truncated && (
                  <>
                    {" "}
                    <WarningBadge title={t("preview.truncatedHelp")}>
                      <WarningIcon /> {t("preview.truncated")}
                    </WarningBadge>
                  </>
                )}
              </span>
            </li>
          ))}
        </ol>
        {segments.length > PREVIEW_ROWS && (
          <p className={styles.hint} style={{ padding: "8px 16px" }}>
            {t("preview.more", { count: segments.length - PREVIEW_ROWS })}
          </p>
        )}
      </section>

      <div className={`${ui.card} ${styles.createBar}`}>
        <label className={styles.titleField}>
          <span>{t("documentTitle")}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} lang="zh-CN" maxLength={200} required disabled={creating} />
        </label>
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        {/* aria-disabled while creating, not disabled: a disabled button drops the keyboard focus to the page. */}
        <button
          type="button"
          className={`${ui.button} ${ui.primary}`}
          disabled={!creating && (undecided > 0 || !title.trim())}
          aria-disabled={creating || undefined}
          aria-busy={creating || undefined}
          onClick={create}
        >
          {creating ? t("creating") : t("create", { count: segments.length })}
        </button>
        {undecided > 0 && <span className={styles.hint}>{t("preview.decideFirst", { count: undecided })}</span>}
        <JobProgressBar progress={job.progress} running={job.running} label={t("progress")} />
      </div>
    </div>
  );
}
