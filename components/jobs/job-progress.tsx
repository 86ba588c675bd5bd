"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { useFormat } from "@/lib/i18n/use-format";
import type { JobProgress } from "@/lib/jobs/registry";

const POLL_MS = 500;

/**
 * Progress of a long operation this page started. `begin()` chooses the job's id (sent with the
 * request that does the work) and polls GET /api/jobs/:id until `end()`; the request itself
 * answers with the result. A poll that finds nothing (not started yet, or another instance
 * answered) keeps the last figures.
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
    timer.current = setInterval(async () => {
      const response = await fetch(`/api/jobs/${id}`, { cache: "no-store" }).catch(() => null);
      if (response?.ok) setProgress((await response.json()) as JobProgress);
    }, POLL_MS);
    return id;
  }, []);
  useEffect(() => () => void (timer.current && clearInterval(timer.current)), []);
  return { progress, running, begin, end };
}

/** A progress bar with what is being done and how far ("applying: 4,500 of 20,000"); `label` comes translated. */
export function JobProgressBar({ progress, running, label }: { progress: JobProgress | null; running: boolean; label: string }) {
  const t = useTranslations("common.job");
  const f = useFormat();
  if (!running) return null;
  // The server names its phases in English (lib/jobs/registry.ts): each known one has its label.
  const phaseName = (phase: string) => {
    switch (phase) {
      case "starting":
        return t("phases.starting");
      case "checking":
        return t("phases.checking");
      case "approving":
        return t("phases.approving");
      case "applying":
        return t("phases.applying");
      case "taking back":
        return t("phases.takingBack");
      case "searching":
        return t("phases.searching");
      case "replacing":
        return t("phases.replacing");
      case "reading the file":
        return t("phases.readingFile");
      case "comparing with the memory":
        return t("phases.comparingMemory");
      case "adding terms":
        return t("phases.addingTerms");
      case "adding units":
        return t("phases.addingUnits");
      case "reading the documents":
        return t("phases.readingDocuments");
      case "reading the memory":
        return t("phases.readingMemory");
      case "matching":
        return t("phases.matching");
      default:
        return phase;
    }
  };
  const known = progress && progress.total > 0;
  const text = known
    ? t("counted", { label, phase: phaseName(progress.phase), done: f.number(progress.done), total: f.number(progress.total) })
    : progress
      ? t("phase", { label, phase: phaseName(progress.phase) })
      : t("working", { label });
  return (
    <div role="status" data-testid="job-progress" style={{ display: "flex", gap: 8, alignItems: "center", flexBasis: "100%" }}>
      <progress max={known ? progress.total : undefined} value={known ? progress.done : undefined} aria-label={label} style={{ flex: "0 1 16rem" }} />
      <span>{text}</span>
    </div>
  );
}
