"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { DictionaryEntry } from "@/lib/dictionary/cedict";
import styles from "./editor.module.css";

/** Dictionary entries (CC-CEDICT, with pinyin) for the Chinese selected in the source. */
export function DictionaryBox({ query, onClose }: { query: string; onClose: () => void }) {
  const t = useTranslations("editor.dictionary");
  const [entries, setEntries] = useState<DictionaryEntry[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    setEntries(null);
    fetch(`/api/dictionary?q=${encodeURIComponent(query)}`)
      .then((r) => (r.ok ? (r.json() as Promise<{ entries: DictionaryEntry[] }>) : { entries: [] }))
      .then((body) => !cancelled && setEntries(body.entries))
      .catch(() => !cancelled && setEntries([]));
    return () => {
      cancelled = true;
    };
  }, [query]);
  return (
    <section className={styles.dictionary} aria-label={t("label", { query })} data-testid="dictionary">
      <div style={{ display: "flex", justifyContent: "space-between" }}>
        <strong lang="zh-CN">{query}</strong>
        <button type="button" onClick={onClose} aria-label={t("close")}>
          ×
        </button>
      </div>
      {entries === null ? (
        <p>{t("lookingUp")}</p>
      ) : entries.length === 0 ? (
        <p>{t("notFound")}</p>
      ) : (
        <dl style={{ margin: 0 }}>
          {entries.map((e, i) => (
            <div key={i}>
              <dt>
                <span lang="zh-CN">{e.word}</span> <span lang="zh-Latn-pinyin">{e.pinyin}</span>
              </dt>
              <dd style={{ margin: "0 0 4px 12px" }}>{e.definitions.slice(0, 4).join("; ")}</dd>
            </div>
          ))}
        </dl>
      )}
      {/* i18n-exempt: the dictionary's name and licence */}
      <small>CC-CEDICT, CC BY-SA 4.0</small>

    </section>
  );
}
