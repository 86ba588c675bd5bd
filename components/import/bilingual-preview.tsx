"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { JobProgressBar, useJobProgress } from "@/components/jobs/job-progress";
import { ui } from "@/components/ui/page-header";
import { postUpload } from "@/components/ui/post-upload";
import { useUploadLimitMessages } from "@/components/ui/upload-limit";
import type { PreviewResult } from "@/lib/documents/import-preview";
import { useFormat } from "@/lib/i18n/use-format";
import { isSegmentStatus } from "@/lib/review/segment-status";
import styles from "./import.module.css";

type Preview = Extract<PreviewResult, { ok: true; kind: "bilingual" }>;

/** A bilingual file's units at a glance, a title, and Create. */
export function BilingualPreview(props: {
  projectId: string;
  preview: Preview;
  file: File;
  maxUploadBytes: number;
  onBack: () => void;
}) {
  const t = useTranslations("import");
  const router = useRouter();
  const upload = useUploadLimitMessages();
  const statusName = useTranslations("status");
  const f = useFormat();
  const { preview } = props;
  const [title, setTitle] = useState(preview.suggestedTitle);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const job = useJobProgress();
  const label = (s: string) => (isSegmentStatus(s) ? statusName(s) : s);
  const counts = f.list(Object.entries(preview.statusCounts).map(([s, n]) => `${label(s)} ${f.number(n)}`));
  return (
    <section className={`${ui.card} ${ui.padded}`} aria-label={t("bilingual.label")}>
      <p data-testid="bilingual-summary">
        {t.rich("bilingual.summary", {
          file: preview.fileName,
          format: preview.format.toUpperCase(),
          count: preview.unitCount,
          translated: preview.translated,
          statuses: counts,
          b: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <table className={ui.table} aria-label={t("bilingual.firstSegments")}>
        <thead>
          <tr>
            <th>{t("bilingual.source")}</th>
            <th>{t("bilingual.target")}</th>
            <th>{t("bilingual.status")}</th>
          </tr>
        </thead>
        <tbody>
          {preview.sample.map((u, i) => (
            <tr key={i}>
              <td lang="zh-CN">{u.source}</td>
              <td lang="en">{u.target}</td>
              <td>{label(u.status || (u.target ? "translated" : "untranslated"))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className={styles.field}>
        <span>{t("documentTitle")}</span>
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="button" className={ui.button} onClick={props.onBack}>
          {t("back")}
        </button>
        <button
          type="button"
          className={`${ui.button} ${ui.primary}`}
          disabled={pending || !title.trim()}
          onClick={() => {
            // Begun outside the transition, as in import-preview.tsx: else the bar never shows.
            const jobId = job.begin();
            startTransition(async () => {
              // The file again (the server never takes segments from the browser), to its upload route.
              const result = await postUpload<{ documentId: string }>(`/api/projects/${props.projectId}/import/bilingual`, props.file, { title, jobId }).catch(() => ({ ok: false as const, error: upload.failed(props.maxUploadBytes) }));
              job.end();
              if (result.ok) router.push(`/documents/${result.documentId}`);
              else setError(result.error);
            });
          }}
        >
          {pending ? t("creating") : t("create", { count: preview.unitCount })}
        </button>
        <JobProgressBar progress={job.progress} running={job.running} label={t("progress")} />
      </div>
    </section>
  );
}
