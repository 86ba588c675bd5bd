"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import type { PropagationReport } from "@/lib/repetitions/propagate";
import type { UndoReport } from "@/lib/repetitions/undo";
import { writeDraft } from "./draft-storage";
import type { EditorSegment } from "./editor-types";
import type { PropagationNoticeState } from "./repetitions";

/**
 * The editor's side of repetitions: puts a confirm's propagated texts on screen at once (the
 * save's answer carries them), remembers the last propagation for "undo propagation", and undoes it.
 */
export function usePropagation(documentId: string, updateSegment: (id: string, patch: Partial<EditorSegment>) => void, dropLocalText: (segmentId: string) => void) {
  const t = useTranslations("editor");
  const [notice, setNotice] = useState<(PropagationNoticeState & { segmentId: string }) | null>(null);

  /** After a save: show the repetitions that took the text (those in this document) and the notice. */
  const applied = useCallback(
    (segmentId: string, report: PropagationReport | undefined) => {
      if (!report) return;
      for (const row of report.propagated) {
        if (row.documentId !== documentId) continue;
        dropLocalText(row.id);
        writeDraft(documentId, row.id, null);
        updateSegment(row.id, { target: row.target, status: row.status, version: row.version, machineTranslated: false, propagatedFrom: report.fromNumber });
      }
      const worthSaying = report.propagated.length > 0 || report.skipped.some((s) => s.code !== "unchanged");
      setNotice(worthSaying ? { segmentId, report } : null);
    },
    [documentId, updateSegment, dropLocalText],
  );

  const undo = useCallback(async () => {
    if (!notice?.report.batch) return;
    setNotice({ ...notice, busy: true, error: null });
    const response = await fetch(`/api/segments/${notice.segmentId}/propagation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ op: "undo", batch: notice.report.batch }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => ({}))) as Partial<UndoReport> & { error?: string };
    if (!response?.ok || !body.restored) {
      setNotice({ ...notice, busy: false, error: body.error ?? t("refused", { status: response?.status ?? 0 }) });
      return;
    }
    for (const row of body.restored) {
      if (row.documentId !== documentId) continue;
      dropLocalText(row.id);
      writeDraft(documentId, row.id, null);
      updateSegment(row.id, { target: row.target, status: row.status, version: row.version, propagatedFrom: undefined });
    }
    setNotice({ ...notice, busy: false, undone: { restored: body.restored.length, skipped: body.skipped?.length ?? 0 } });
  }, [notice, documentId, updateSegment, dropLocalText, t]);

  return { notice, applied, undo, close: () => setNotice(null) };
}
