"use client";

import { useMemo, useState } from "react";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import { runDocumentQa } from "@/lib/qa/document-qa";
import { ignoredKey, type IgnoredKey } from "@/lib/qa/ignore-key";
import type { EditorSegment } from "./editor-types";
import styles from "./editor.module.css";


/**
 * QA over the whole document, on demand: every check, glossary terms and consistency between
 * segments; filter by check and severity; jump to a segment; reviewers ignore a finding with a
 * reason (kept on the server, and the finding stays hidden while it recurs).
 */
export function QaPanel(props: {
  segments: (EditorSegment | undefined)[];
  glossary: GlossaryEntry[];
  ignored: Map<IgnoredKey, string>;
  canIgnore: boolean;
  onGoTo: (segmentNumber: number) => void;
  onIgnore: (segmentId: string, check: string, message: string, reason: string | null) => Promise<string | null>;
  onClose: () => void;
}) {
  const [check, setCheck] = useState("");
  const [severity, setSeverity] = useState("");
  const [showIgnored, setShowIgnored] = useState(false);
  const [asking, setAsking] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const loaded = props.segments.filter((s): s is EditorSegment => !!s);
  const results = useMemo(() => {
    const byId = new Map(loaded.map((s) => [s.id, s]));
    return runDocumentQa(loaded.filter((s) => s.status !== "untranslated" || s.target), props.glossary).flatMap((r) =>
      r.findings.map((f) => ({ segment: byId.get(r.id)!, ...f, ignoredBecause: props.ignored.get(ignoredKey(r.id, f.check, f.message)) ?? null })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.segments, props.glossary, props.ignored]);
  const checks = [...new Set(results.map((r) => r.check))].sort();
  const shown = results.filter((r) => (!check || r.check === check) && (!severity || r.severity === severity) && (showIgnored || !r.ignoredBecause));
  return (
    <section className={styles.qaPanel} aria-label="QA findings in the document" data-testid="qa-panel">
      <div style={{ display: "flex", gap: 12, alignItems: "center", flexWrap: "wrap" }}>
        <strong>QA</strong>
        <span>
          {results.filter((r) => !r.ignoredBecause).length} findings in {loaded.length.toLocaleString("en")} segments
        </span>
        <label>
          Check{" "}
          <select value={check} onChange={(e) => setCheck(e.target.value)}>
            <option value="">All</option>
            {checks.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Severity{" "}
          <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">All</option>
            <option value="error">Errors</option>
            <option value="warning">Warnings</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={showIgnored} onChange={(e) => setShowIgnored(e.target.checked)} /> Show ignored
        </label>
        <button type="button" onClick={props.onClose}>
          Close QA
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      <ol className={styles.qaList}>
        {shown.slice(0, 500).map((r) => {
          const key = ignoredKey(r.segment.id, r.check, r.message);
          return (
            <li key={key} data-testid="qa-item" data-check={r.check}>
              <button type="button" onClick={() => props.onGoTo(r.segment.position + 1)}>
                #{r.segment.position + 1}
              </button>
              <strong>{r.check}</strong>
              <span style={{ color: r.severity === "error" ? "var(--danger)" : "var(--warning)" }}>{r.severity}</span>
              <span style={{ flex: 1 }}>
                {r.message}
                {r.ignoredBecause && <em> — ignored: {r.ignoredBecause}</em>}
              </span>
              {props.canIgnore &&
                (r.ignoredBecause ? (
                  <button type="button" onClick={async () => setError(await props.onIgnore(r.segment.id, r.check, r.message, null))}>
                    Un-ignore
                  </button>
                ) : asking === key ? (
                  <span>
                    <input aria-label="Why can it be ignored?" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Reason" />
                    <button
                      type="button"
                      disabled={!reason.trim()}
                      onClick={async () => {
                        const problem = await props.onIgnore(r.segment.id, r.check, r.message, reason);
                        setError(problem);
                        if (!problem) {
                          setAsking(null);
                          setReason("");
                        }
                      }}
                    >
                      Ignore
                    </button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setAsking(key)}>
                    Ignore…
                  </button>
                ))}
            </li>
          );
        })}
      </ol>
      {shown.length > 500 && <p>The first 500 of {shown.length} are listed; filter by check to see the rest.</p>}
    </section>
  );
}
