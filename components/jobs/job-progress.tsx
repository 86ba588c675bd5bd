"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { useFormat } from "@/lib/i18n/use-format";
import type { JobProgress } from "@/lib/jobs/registry";

const POLL_MS = 500;

/**
 * Progress of a long operation this page started. `begin()` chooses the job's id (sent with the
 * request that does the work) and polls GET /api/jobs/:id until `end()`; the request itself
 * answers with the result. A poll that finds nothing (204: not started yet, or another instance
 * answered) keeps the last figures, and one answered after `end()` is dropped.
 */
export function useJobProgress(): { progress: JobProgress | null; running: boolean; begin: () => string; end: () => void } {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const end = useCallback(() => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
    setRunning(false);
    setProgress(null);
  }, []);
  const begin = useCallback(() => {
    const id = crypto.randomUUID();
    if (timer.current) clearInterval(timer.current);
    setProgress(null);
    setRunning(true);
    const poll = setInterval(async () => {
      const response = await fetch(`/api/jobs/${id}`, { cache: "no-store" }).catch(() => null);
      if (response?.status !== 200) return;
      const progress = (await response.json()) as JobProgress;
      if (timer.current === poll) setProgress(progress);
    }, POLL_MS);
    timer.current = poll;
    return id;
  }, []);
  useEffect(() => () => void (timer.current && clearInterval(timer.current)), []);
  return { progress, running, begin, end };
}

/** A progress bar with what is being done and how far ("applying: 4,500 of 20,000"); `label` comes translated. */
export function JobProgressBar({ progress, running, label }: { progress: JobProgress | null; running: boolean; label: string }) {
  const t = useTranslations("common.job");
  // The server reports a phase code (lib/jobs/registry.ts JOB_PHASES), named from the catalog.
  const phase = useTranslations("common.job.phases");
  const f = useFormat();
  if (!running) return null;
  const known = progress && progress.total > 0;
  const text = known
    ? t("counted", { label, phase: phase(progress.phase), done: f.number(progress.done), total: f.number(progress.total) })
    : progress
      ? t("phase", { label, phase: phase(progress.phase) })
      : t("working", { label });
  return (
    <div role="status" data-testid="job-progress" style={{ display: "flex", gap: 8, alignItems: "center", flexBasis: "100%" }}>
      <progress max={known ? progress.total : undefined} value={known ? progress.done : undefined} aria-label={label} style={{ flex: "0 1 16rem" }} />
      <span>{text}</span>
    </div>
  );
}
