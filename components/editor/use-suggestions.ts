"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { Suggestions } from "./suggestions-panel";

/** Memory matches for the active segment (fetched when it opens) and machine translation on request. */
export function useSuggestions(segmentId: string) {
  const t = useTranslations("editor");
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const [mt, setMt] = useState<{ text: string | null; error: string | null; busy: boolean }>({ text: null, error: null, busy: false });
  useEffect(() => {
    let cancelled = false;
    fetch(`/api/segments/${segmentId}/suggestions`)
      .then((r) => (r.ok ? (r.json() as Promise<Suggestions>) : null))
      .then((body) => !cancelled && setSuggestions(body))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [segmentId]);

  async function requestMt() {
    setMt({ text: null, error: null, busy: true });
    const response = await fetch(`/api/segments/${segmentId}/mt`, { method: "POST", headers: { "content-type": "application/json" } }).catch(() => null);
    const body = (await response?.json().catch(() => ({}))) as { text?: string; error?: string } | undefined;
    if (!response?.ok || !body?.text) setMt({ text: null, error: body?.error ?? t("mtFailed")
, busy: false });
    else setMt({ text: body.text, error: null, busy: false });
  }

  return { suggestions, mt, requestMt };
}
