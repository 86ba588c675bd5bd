"use client";

import { memo } from "react";
import { findTerms, type GlossaryEntry } from "@/lib/glossary/term-check";
import styles from "./editor.module.css";

/** The Chinese source with glossary terms marked; hovering one shows its approved English. */
export const SourceText = memo(function SourceText({ source, glossary }: { source: string; glossary: GlossaryEntry[] }) {
  const terms = glossary.length ? findTerms(source, glossary) : [];
  if (!terms.length) return <>{source}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const t of terms) {
    if (t.start > at) parts.push(source.slice(at, t.start));
    parts.push(
      <mark key={t.start} className={styles.term} title={`Glossary: ${t.entry.target}${t.entry.note ? ` — ${t.entry.note}` : ""}`} data-term={t.entry.source}>
        {source.slice(t.start, t.end)}
      </mark>,
    );
    at = t.end;
  }
  if (at < source.length) parts.push(source.slice(at));
  return <>{parts}</>;
});
