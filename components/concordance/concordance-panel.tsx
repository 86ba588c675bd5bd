"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { ConcordancePage, ConcordanceResult } from "@/lib/concordance/concordance-service";
import { splitByHits, type Side } from "@/lib/concordance/query";
import { useFormat } from "@/lib/i18n/use-format";
import { isSegmentStatus } from "@/lib/review/segment-status";
import styles from "./concordance.module.css";

/** Text with its hits marked. */
function Highlighted({ text, hits, lang }: { text: string; hits: [number, number][]; lang: string }) {
  return (
    <span lang={lang}>
      {splitByHits(text, hits).map((piece, i) => (piece.hit ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </span>
  );
}

/**
 * Concordance search: where a piece of text occurs in the project's documents and translation
 * memories, both sides with the hit highlighted; a result's translation goes into the open
 * segment (Insert) or the clipboard (Copy).
 */
export function ConcordancePanel(props: {
  projectId: string;
  query: string;
  /** Changes each time the panel is (re)opened on a selection, so the same text searches again. */
  nonce: number;
  sourceLang: string;
  targetLang: string;
  /** Puts a translation into the open segment; false when there is none to put it in. */
  onInsert: ((text: string) => boolean) | null;
  onClose: () => void;
}) {
  const t = useTranslations("concordance");
  const tStatus = useTranslations("status");
  const f = useFormat();
  const inputId = useId();
  const [text, setText] = useState(props.query);
  const [side, setSide] = useState<Side>("both");
  const [page, setPage] = useState<{ query: string; results: ConcordanceResult[]; nextCursor: string | null; indexed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const request = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  async function search(query: string, searchSide: Side, cursor: string | null) {
    if (!query.trim()) return;
    const mine = ++request.current;
    setBusy(true);
    setMessage(null);
    try {
      const params = new URLSearchParams({ q: query, side: searchSide, limit: "20" });
      if (cursor) params.set("cursor", cursor);
      const response = await fetch(`/api/projects/${props.projectId}/concordance?${params}`);
      const json = (await response.json().catch(() => ({}))) as Partial<ConcordancePage> & { error?: string };
      if (mine !== request.current) return;
      if (!response.ok) throw new Error(json.error ?? t("refused", { status: response.status }));
      setPage((before) => ({
        query: json.query!,
        indexed: json.indexed!,
        nextCursor: json.nextCursor ?? null,
        results: cursor && before ? [...before.results, ...json.results!] : json.results!,
      }));
    } catch (error) {
      if (mine === request.current) setMessage((error as Error).message);
    } finally {
      if (mine === request.current) setBusy(false);
    }
  }

  // A new selection (Ctrl+K again) searches at once.
  useEffect(() => {
    setText(props.query);
    if (props.query) void search(props.query, side, null);
    else input.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.query, props.nonce]);

  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setMessage(t("copied"));
    } catch {
      setMessage(t("copyFailed"));
    }
  }

  const origin = (r: ConcordanceResult) =>
    r.kind === "segment"
      ? t("fromDocument", { title: r.documentTitle ?? "", number: r.number ?? 0 })
      : r.memory === "shared"
        ? t("fromSharedMemory", { origin: originOf(r) })
        : t("fromProjectMemory", { origin: originOf(r) });
  const originOf = (r: ConcordanceResult) => (r.origin?.startsWith("tmx:") ? r.origin.slice(4) : t("originApproval"));

  return (
    <section className={styles.panel} aria-label={t("label")} data-testid="concordance-panel" onKeyDown={(e) => e.key === "Escape" && props.onClose()}>
      <form
        className={styles.form}
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search(text, side, null);
        }}
      >
        <label htmlFor={inputId}>{t("searchFor")}</label>
        <input ref={input} id={inputId} value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        <select aria-label={t("sideLabel")} value={side} onChange={(e) => (setSide(e.target.value as Side), void search(text, e.target.value as Side, null))}>
          <option value="both">{t("sideBoth")}</option>
          <option value="source">{t("sideSource")}</option>
          <option value="target">{t("sideTarget")}</option>
        </select>
        <button type="submit" disabled={busy || !text.trim()}>
          {t("search")}
        </button>
        <button type="button" onClick={props.onClose}>
          {t("close")}
        </button>
        <span className={styles.hint}>{t("hint")}</span>
      </form>
      {message && (
        <p role="status" className={styles.message}>
          {message}
        </p>
      )}
      {page && (
        <p className={styles.summary} role="status" aria-live="polite">
          {page.results.length === 0 && !page.nextCursor
            ? t("noResults", { query: page.query })
            : t("resultCount", { count: page.results.length, query: page.query, more: page.nextCursor ? "yes" : "no" })}
          {!page.indexed && <> {t("shortQuery")}</>}
        </p>
      )}
      {page && page.results.length > 0 && (
        <ol className={styles.results} data-testid="concordance-results">
          {page.results.map((r) => (
            <li key={`${r.kind}:${r.id}`} className={styles.result} data-kind={r.kind}>
              <div className={styles.pair}>
                <Highlighted text={r.source} hits={r.sourceHits} lang={props.sourceLang} />
                {r.target ? <Highlighted text={r.target} hits={r.targetHits} lang={props.targetLang} /> : <em className={styles.empty}>{t("noTranslation")}</em>}
              </div>
              <div className={styles.meta}>
                <span>{origin(r)}</span>
                {r.status && isSegmentStatus(r.status) && <span className={styles.status}>{tStatus(r.status)}</span>}
                <time dateTime={r.date}>{f.dateTime(r.date)}</time>
                {r.target && (
                  <span className={styles.actions}>
                    {props.onInsert && (
                      <button type="button" onClick={() => setMessage(props.onInsert!(r.target) ? t("inserted") : t("noOpenSegment"))}>
                        {t("insert")}
                      </button>
                    )}
                    <button type="button" onClick={() => void copy(r.target)}>
                      {t("copy")}
                    </button>
                  </span>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {page?.nextCursor && (
        <button type="button" className={styles.more} disabled={busy} onClick={() => void search(page.query, side, page.nextCursor)}>
          {page.indexed ? t("more") : t("searchFurther")}
        </button>
      )}
    </section>
  );
}
