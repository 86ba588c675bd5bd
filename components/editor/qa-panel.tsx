"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import { runDocumentQa } from "@/lib/qa/document-qa";
import { ignoredKey, type IgnoredKey } from "@/lib/qa/ignore-key";
import { useFormat } from "@/lib/i18n/use-format";
import type { EditorSegment } from "./editor-types";
import { useQaText } from "./use-qa-text";
import { useMisspelt } from "@/components/spelling/use-misspelt";
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
  const t = useTranslations("qa.panel");
  const f = useFormat();
  const qaText = useQaText();
  const [check, setCheck] = useState("");
  const [severity, setSeverity] = useState("");
  const [showIgnored, setShowIgnored] = useState(false);
  const [asking, setAsking] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const loaded = props.segments.filter((s): s is EditorSegment => !!s);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const targets = useMemo(() => loaded.map((s) => s.target), [props.segments]);
  const misspelt = useMisspelt(targets);
  const results = useMemo(() => {
    const byId = new Map(loaded.map((s) => [s.id, s]));
    const units = loaded.filter((s) => s.status !== "untranslated" || s.target).map((s) => (s.propagatedFrom ? { ...s, revisionKind: "propagated" } : s));
    return runDocumentQa(units, props.glossary, { misspelt }).flatMap((r) =>
      r.findings.map((f) => ({ segment: byId.get(r.id)!, ...f, ignoredBecause: props.ignored.get(ignoredKey(r.id, f.check, f.message)) ?? null })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.segments, props.glossary, props.ignored, misspelt]);
  const checks = [...new Set(results.map((r) => r.check))].sort();
  const shown = results.filter((r) => (!check || r.check === check) && (!severity || r.severity === severity) && (showIgnored || !r.ignoredBecause));
  return (
    <section className={styles.qaPanel} aria-label={t("label")} data-testid="qa-panel">
      <div style={{ display: "flex", gap: 12, alignItems: "center", flexWrap: "wrap" }}>
        <strong>{t("title")}</strong>
        <span>{t("summary", { findings: results.filter((r) => !r.ignoredBecause).length, segments: f.number(loaded.length) })}</span>
        <label>
          {t("check")}{" "}
          <select value={check} onChange={(e) => setCheck(e.target.value)}>
            <option value="">{t("all")}</option>
            {checks.map((c) => (
              <option key={c} value={c}>
                {qaText.check(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("severity")}{" "}
          <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">{t("all")}</option>
            <option value="error">{t("errors")}</option>
            <option value="warning">{t("warnings")}</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={showIgnored} onChange={(e) => setShowIgnored(e.target.checked)} /> {t("showIgnored")}
        </label>
        <button type="button" onClick={props.onClose}>
          {t("close")}
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
              <strong>{qaText.check(r.check)}</strong>
              <span style={{ color: r.severity === "error" ? "var(--danger)" : "var(--warning)" }}>{qaText.severity(r.severity)}</span>
              <span style={{ flex: 1 }}>
                {qaText.finding(r)}
                {r.ignoredBecause && <em>{t("ignoredBecause", { reason: r.ignoredBecause })}</em>}
              </span>
              {props.canIgnore &&
                (r.ignoredBecause ? (
                  <button type="button" onClick={async () => setError(await props.onIgnore(r.segment.id, r.check, r.message, null))}>
                    {t("unignore")}
                  </button>
                ) : asking === key ? (
                  <span>
                    <input aria-label={t("whyIgnore")} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("reason")} />
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
                      {t("ignore")}
                    </button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setAsking(key)}>
                    {t("ignoreAsk")}
                  </button>
                ))}
            </li>
          );
        })}
      </ol>
      {shown.length > 500 && <p>{t("firstListed", { shown: 500, total: shown.length })}</p>}

    </section>
  );
}
