"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { JobProgressBar, useJobProgress } from "@/components/jobs/job-progress";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { AnalysisReport } from "@/lib/analysis/analysis-service";
import { useFormat } from "@/lib/i18n/use-format";
import { AnalysisByDocument, AnalysisTable } from "./analysis-table";

interface DocumentChoice {
  id: string;
  title: string;
  segments: number;
}

/** Choose the whole project or some documents, run the analysis (a job with progress), see and download it. */
export function AnalysisPanel({ projectId, documents, preselected }: { projectId: string; documents: DocumentChoice[]; preselected: string[] }) {
  const t = useTranslations("analysis");
  const f = useFormat();
  const hydrated = useHydrated();
  const [wholeProject, setWholeProject] = useState(preselected.length === 0);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(preselected));
  const [result, setResult] = useState<{ report: AnalysisReport; id: string; documents: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJobProgress();
  const documentIds = wholeProject ? [] : documents.filter((d) => chosen.has(d.id)).map((d) => d.id);

  async function run() {
    setError(null);
    const jobId = job.begin();
    try {
      const response = await fetch(`/api/projects/${projectId}/analysis`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ documentIds, jobId }) });
      const body = (await response.json().catch(() => null)) as (AnalysisReport & { error?: string }) | null;
      if (!response.ok || !body) setError(body?.error ?? t("failed"));
      else setResult({ report: body, id: jobId, documents: documentIds });
    } catch {
      setError(t("failed"));
    } finally {
      job.end();
    }
  }

  const download = (format: "csv" | "xlsx") =>
    result ? `/api/projects/${projectId}/analysis/export?${new URLSearchParams({ format, id: result.id, documents: result.documents.join(",") })}` : "#";

  return (
    <>
      <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }}>
        {/* The scope waits for hydration: React would not keep a choice made in the server's HTML. A block, for its legend. */}
        <HydratedFieldset style={{ display: "block" }}>
          <legend className={ui.sectionTitle}>{t("what")}</legend>
          <label style={{ display: "block", marginBottom: 6 }}>
            <input type="radio" name="scope" checked={wholeProject} onChange={() => setWholeProject(true)} /> {t("wholeProject", { count: documents.length })}
          </label>
          <label style={{ display: "block", marginBottom: 6 }}>
            <input type="radio" name="scope" checked={!wholeProject} onChange={() => setWholeProject(false)} /> {t("someDocuments")}
          </label>
          {!wholeProject && (
            <ul style={{ listStyle: "none", margin: "0 0 8px", padding: "0 0 0 24px" }} aria-label={t("documents")}>
              {documents.map((d) => (
                <li key={d.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.has(d.id)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(d.id);
                        else next.delete(d.id);
                        setChosen(next);
                      }}
                    />{" "}
                    <span lang="zh-CN">{d.title}</span> <span style={{ color: "var(--text-muted)", fontSize: 12 }}>{t("segmentCount", { count: d.segments, formatted: f.number(d.segments) })}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </HydratedFieldset>
        <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
          <button type="button" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || job.running || (!wholeProject && documentIds.length === 0) || documents.length === 0} onClick={run}>
            {t("run")}
          </button>
          {result && !job.running && (
            <>
              <a className={ui.button} href={download("csv")} download data-testid="analysis-csv">
                {t("downloadCsv")}
              </a>
              <a className={ui.button} href={download("xlsx")} download data-testid="analysis-xlsx">
                {t("downloadXlsx")}
              </a>
            </>
          )}
          <JobProgressBar progress={job.progress} running={job.running} label={t("running")} />
        </div>
        {documents.length === 0 && <p className={ui.emptyInline}>{t("noDocuments")}</p>}
        {error && (
          <p role="alert" style={{ color: "var(--danger)", margin: "8px 0 0" }}>
            {error}
          </p>
        )}
      </section>
      {result && (
        <section className={ui.card} style={{ marginBottom: 16 }} aria-live="polite">
          <AnalysisTable report={result.report} />
        </section>
      )}
      {result && result.report.documents.length > 1 && (
        <section className={ui.card} style={{ marginBottom: 16 }}>
          <h2 className={ui.sectionTitle} style={{ padding: "12px 12px 0" }}>
            {t("byDocument")}
          </h2>
          <AnalysisByDocument report={result.report} />
        </section>
      )}
      <section className={`${ui.card} ${ui.padded}`}>
        <h2 className={ui.sectionTitle}>{t("howTitle")}</h2>
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          <li>{t("how.context")}</li>
          <li>{t("how.repetition")}</li>
          <li>{t("how.fuzzy")}</li>
          <li>{t("how.words")}</li>
          <li>{t("how.memory")}</li>
        </ul>
      </section>
    </>
  );
}
