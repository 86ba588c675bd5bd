"use client";

import { useTranslations } from "next-intl";
import { InlineDiff } from "@/components/diff/inline-diff";
import type { MemoryMatch } from "@/lib/memory/memory-service";
import styles from "./editor.module.css";

export interface Suggestions {
  memory: MemoryMatch[];
  mt: { label: string } | null;
}

/**
 * Translation-memory matches for the active segment — score, how the match's Chinese differs
 * from this one's, its English — and, when configured, a machine translation on request.
 * Ctrl+1…3 insert a match (handled by the active segment's keys).
 */
export function SuggestionsPanel(props: {
  source: string;
  suggestions: Suggestions | null;
  sourceLang: string;
  targetLang: string;
  editable: boolean;
  mt: { text: string | null; error: string | null; busy: boolean };
  onUse: (text: string) => void;
  onRequestMt: () => void;
}) {
  const t = useTranslations("editor.suggestions");
  const { suggestions } = props;
  if (!suggestions) return null;
  if (!suggestions.memory.length && !suggestions.mt) return null;
  return (
    <section className={styles.suggestions} aria-label={t("label")} data-testid="suggestions">
      {suggestions.memory.map((m, i) => (
        <div key={m.id} className={styles.suggestion} data-testid="memory-match">
          <span className={styles.score} title={m.shared ? t("sharedMemory") : t("projectMemory")}>
            {m.score}%
          </span>
          <kbd title={t("insertKey", { number: i + 1 })}>Ctrl+{i + 1}</kbd>
          <div>
            <div lang={props.sourceLang} title={t("diffHint")}>
              {m.score === 100 ? m.source : <InlineDiff before={m.source} after={props.source} lang={props.sourceLang} />}
            </div>
            <div lang={props.targetLang}>{m.target}</div>
          </div>
          {props.editable && (
            <button type="button" onClick={() => props.onUse(m.target)}>
              {t("use")}
            </button>
          )}
        </div>
      ))}
      {suggestions.mt && props.editable && (
        <div className={styles.suggestion}>
          <span className={styles.mtBadge}>{t("mt")}</span>
          <span />
          <div lang={props.targetLang} data-testid="mt-suggestion">
            {props.mt.busy ? t("translating") : props.mt.error ? <span role="alert">{props.mt.error}</span> : (props.mt.text ?? <em>{t("onRequest", { engine: suggestions.mt.label })}</em>)}
          </div>
          {props.mt.text ? (
            <button type="button" onClick={() => props.onUse(props.mt.text!)}>
              {t("use")}
            </button>
          ) : (
            <button type="button" onClick={props.onRequestMt} disabled={props.mt.busy}>
              {t("translate")}

            </button>
          )}
        </div>
      )}
    </section>
  );
}
