"use client";

import { useEffect, useMemo, useState } from "react";
import type { MisspeltWords } from "@/lib/qa/spelling-check";
import { useSpelling } from "./spelling-provider";

/**
 * The misspelt words of many texts (the QA panel's segments), checked in the spelling worker in
 * one message; undefined until the dictionary is loaded and the answer is in.
 */
export function useMisspelt(texts: string[]): MisspeltWords | undefined {
  const spelling = useSpelling();
  const [byText, setByText] = useState<Map<string, string[]> | null>(null);
  const ready = spelling?.ready ?? false;
  const generation = spelling?.generation ?? 0;
  useEffect(() => {
    if (!spelling || !ready) return;
    let live = true;
    const unique = [...new Set(texts.filter((t) => t.trim()))];
    void spelling.checkMany(unique).then((words) => {
      if (live) setByText(new Map(unique.map((t, i) => [t, words[i] ?? []])));
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [texts, ready, generation]);
  return useMemo(() => (byText ? (text: string) => byText.get(text) ?? [] : undefined), [byText]);
}
