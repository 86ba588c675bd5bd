"use client";

import { WarningIcon } from "@/components/ui/icons";
import { useMemo, useState, useTransition } from "react";
import type { CreateInput, PreviewResult } from "@/app/projects/[projectId]/import/actions";
import { KindLabel, WarningBadge } from "@/components/ui/badges";
import { ui } from "@/components/ui/page-header";
import { segmentsFromAnalysis } from "@/lib/documents/analyse-import";
import { JoinProposals, type JoinDecision } from "./join-proposals";
import styles from "./import.module.css";

type Preview = Extract<PreviewResult, { ok: true; kind: "source" }>;

/** Rows drawn in the preview list; a 50,000-paragraph import would otherwise freeze the page. */
const PREVIEW_ROWS = 1_000;

const ENCODING_LABELS: Record<string, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 with BOM",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  gb18030: "GB18030 / GBK",
  pasted: "pasted text",
};

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
  const { analysis } = props.preview;
  const [decisions, setDecisions] = useState<Record<number, JoinDecision>>({});
  const [title, setTitle] = useState(props.preview.suggestedTitle);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

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
    setError(null);
    startTransition(async () => {
      const result = await props.create({
        projectId: props.projectId,
        title,
        text: props.preview.text,
        format: props.preview.format,
        encoding: props.preview.encoding,
        origin: props.preview.origin,
        acceptedJoins: accepted,
      });
      // On success the server redirects to the new document; only failures come back.
      if (result && !result.ok) setError(result.error);
    });
  }

  return (
    <div className={styles.preview}>
      <div className={`${ui.card} ${styles.summary}`} data-testid="import-summary">
        <span>
          <strong>{analysis.blocks.length}</strong> blocks
        </span>
        <span>
          <strong>{analysis.joins.length}</strong> proposed joins
        </span>
        <span>
          <strong>{truncatedCount}</strong> probably truncated
        </span>
        <span>Encoding: {ENCODING_LABELS[props.preview.encoding] ?? props.preview.encoding}</span>
        <button type="button" className={ui.button} onClick={props.onBack}>
          ← Change source
        </button>
      </div>

      <JoinProposals
        analysis={analysis}
        decisions={decisions}
        onDecide={(id, decision) => setDecisions((d) => ({ ...d, [id]: decision }))}
        onDecideAll={(decision) => setDecisions(Object.fromEntries(analysis.joins.map((j) => [j.id, decision])))}
      />

      <section className={ui.card} aria-labelledby="result-heading">
        <div className={styles.sectionHead}>
          <h2 id="result-heading">
            Resulting document: <span data-testid="result-count">{segments.length}</span> segments
          </h2>
        </div>
        <ol className={styles.resultList}>
          {segments.slice(0, PREVIEW_ROWS).map((s, i) => (
            <li key={s.blocks[0]} className={styles.resultRow} data-testid="preview-segment" data-kind={s.kind}>
              <span className={styles.resultNumber}>{i + 1}</span>
              <KindLabel kind={s.kind} />
              <span lang="zh-CN" className={styles.resultText}>
                {s.source}
                {s.blocks.length > 1 && <span className={styles.joinedMark}> · joined from {s.blocks.length} blocks</span>}
                {s.truncated && (
                  <>
                    {" "}
                    <WarningBadge title="Ends mid-sentence and no continuation was found before the next heading.">
                      <WarningIcon /> Probably truncated
                    </WarningBadge>
                  </>
                )}
              </span>
            </li>
          ))}
        </ol>
        {segments.length > PREVIEW_ROWS && (
          <p className={styles.hint} style={{ padding: "8px 16px" }}>
            …and {(segments.length - PREVIEW_ROWS).toLocaleString("en")} more segments, shown after the document is created.
          </p>
        )}
      </section>

      <div className={`${ui.card} ${styles.createBar}`}>
        <label className={styles.titleField}>
          <span>Document title</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} lang="zh-CN" maxLength={200} required />
        </label>
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        <button type="button" className={`${ui.button} ${ui.primary}`} disabled={pending || undecided > 0 || !title.trim()} onClick={create}>
          {pending ? "Creating…" : `Create document (${segments.length} segments)`}
        </button>
        {undecided > 0 && <span className={styles.hint}>Decide on {undecided} proposed join{undecided === 1 ? "" : "s"} first.</span>}
      </div>
    </div>
  );
}
