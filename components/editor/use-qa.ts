"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import type { Finding } from "@/lib/qa/checks";
import { segmentFindings } from "@/lib/qa/document-qa";
import type { IgnoredFinding } from "@/lib/qa/qa-ignores";
import type { EditorSegment } from "./editor-types";
import { ignoredKey, type IgnoredKey } from "@/lib/qa/ignore-key";

/**
 * The editor's QA: each segment's findings (per-segment checks and glossary terms), computed in
 * the browser on every saved text and cached per segment version; findings a reviewer ignored
 * are left out, and ignoring or un-ignoring one is saved on the server.
 */
export function useQa(glossary: GlossaryEntry[], initialIgnores: IgnoredFinding[]) {
  const t = useTranslations("editor");
  const [ignored, setIgnored] = useState<Map<IgnoredKey, string>>(() => new Map(initialIgnores.map((i) => [ignoredKey(i.segmentId, i.check, i.message), i.reason])));
  const cache = useRef(new Map<string, { version: number; ignored: Map<IgnoredKey, string>; findings: Finding[] }>());
  const findingsOf = useCallback(
    (s: EditorSegment): Finding[] => {
      const cached = cache.current.get(s.id);
      if (cached && cached.version === s.version && cached.ignored === ignored) return cached.findings;
      const findings = segmentFindings(s, glossary).filter((f) => !ignored.has(ignoredKey(s.id, f.check, f.message)));
      cache.current.set(s.id, { version: s.version, ignored, findings });
      return findings;
    },
    [glossary, ignored],
  );

  const ignore = useCallback(async (segmentId: string, check: string, message: string, reason: string | null): Promise<string | null> => {
    const response = await fetch(`/api/segments/${segmentId}/qa-ignore`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ check, message, reason: reason ?? "", ignore: reason !== null }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => ({}))) as { error?: string } | undefined;
    if (!response?.ok) return body?.error ?? t("notRecorded");
    setIgnored((prev) => {
      const next = new Map(prev);
      if (reason === null) next.delete(ignoredKey(segmentId, check, message));
      else next.set(ignoredKey(segmentId, check, message), reason);
      return next;
    });
    return null;
  }, [t]);


  return useMemo(() => ({ findingsOf, ignored, ignore }), [findingsOf, ignored, ignore]);
}
