"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { useFormat } from "@/lib/i18n/use-format";
import styles from "./spelling.module.css";

export interface ManagedWord {
  word: string;
  addedBy: string | null;
  createdAt: string;
}

/**
 * The project dictionary on the glossary page: every word the spelling check accepts in this
 * project besides the English dictionary and the glossary; owners and reviewers add and remove.
 */
export function DictionaryManager(props: { projectId: string; words: ManagedWord[]; canEdit: boolean; variant: string | null }) {
  const t = useTranslations("spelling.dictionary");
  const f = useFormat();
  const [words, setWords] = useState(props.words);
  const [draft, setDraft] = useState("");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(method: "POST" | "DELETE", word: string): Promise<{ word?: string; added?: boolean } | null> {
    setBusy(true);
    const response = await fetch(`/api/projects/${props.projectId}/spelling-dictionary`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ word }),
    }).catch(() => null);
    setBusy(false);
    const body = (await response?.json().catch(() => ({}))) as { error?: string; word?: string; added?: boolean } | undefined;
    if (!response?.ok) {
      setMessage({ error: true, text: body?.error ?? t("failed") });
      return null;
    }
    return body ?? {};
  }

  return (
    <section className={styles.manager} aria-labelledby="spelling-dictionary-title" data-testid="dictionary-manager">
      <h2 id="spelling-dictionary-title">{t("title", { count: words.length })}</h2>
      <p>{props.variant ? t("help", { variant: props.variant }) : t("notEnglish")}</p>
      {props.canEdit && (
        <form
          style={{ display: "flex", gap: 8, alignItems: "center" }}
          onSubmit={async (e) => {
            e.preventDefault();
            const word = draft.trim();
            if (!word) return;
            const result = await send("POST", word);
            if (!result) return;
            const stored = result.word ?? word;
            if (result.added) setWords((w) => [...w, { word: stored, addedBy: null, createdAt: new Date().toISOString() }].sort((a, b) => a.word.localeCompare(b.word)));
            setMessage({ error: false, text: result.added ? t("added", { word: stored }) : t("already", { word: stored }) });
            setDraft("");
          }}
        >
          {/* Typed once the page has hydrated: React would not keep a word typed into the server's HTML. */}
          <HydratedFieldset>
            <label>
              {t("word")} <input value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={64} lang="en" data-testid="dictionary-word-input" />
            </label>
          </HydratedFieldset>
          <button type="submit" disabled={busy || !draft.trim()}>
            {t("add")}
          </button>
        </form>
      )}
      {message && (
        <p role={message.error ? "alert" : "status"} style={{ color: message.error ? "var(--danger)" : undefined }}>
          {message.text}
        </p>
      )}
      {words.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className={styles.wordList} aria-label={t("listLabel")}>
          {words.map((w) => (
            <li key={w.word} lang="en" title={w.addedBy ? t("addedBy", { name: w.addedBy, date: f.date(new Date(w.createdAt)) }) : f.date(new Date(w.createdAt))} data-testid="dictionary-word">
              {w.word}
              {props.canEdit && (
                <button
                  type="button"
                  aria-label={t("remove", { word: w.word })}
                  disabled={busy}
                  onClick={async () => {
                    if (!(await send("DELETE", w.word))) return;
                    setWords((all) => all.filter((x) => x.word !== w.word));
                    setMessage({ error: false, text: t("removed", { word: w.word }) });
                  }}
                >
                  {/* i18n-exempt: a symbol */}×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
