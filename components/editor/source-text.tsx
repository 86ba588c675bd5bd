"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { findTerms, type GlossaryEntry } from "@/lib/glossary/term-check";
import styles from "./editor.module.css";

/** The Chinese source with glossary terms marked; hovering one shows its approved English. */
export const SourceText = memo(function SourceText({ source, glossary }: { source: string; glossary: GlossaryEntry[] }) {
  const t = useTranslations("editor");
  const terms = glossary.length ? findTerms(source, glossary) : [];
  if (!terms.length) return <>{source}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const term of terms) {
    if (term.start > at) parts.push(source.slice(at, term.start));
    parts.push(
      <mark key={term.start}
 className={styles.term} title={t("termTitle", { target: term.entry.target, hasNote: term.entry.note ? "yes" : "no", note: term.entry.note })} data-term={term.entry.source}>
        {source.slice(term.start, term.end)}
      </mark>,
    );
    at = term.end;
  }
  if (at < source.length) parts.push(source.slice(at));
  return <>{parts}</>;
});
