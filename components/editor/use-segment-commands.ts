"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { writeDraft } from "./draft-storage";
import type { EditorSegment } from "./editor-types";
import type { RestructureOp } from "./restructure-controls";

/**
 * Commands that change a segment on the server other than by typing: join/split/undo/source
 * correction (which renumber the document, so everything reloads) and restoring an older
 * revision (which replaces the text under the form, so the form remounts).
 */
export function useSegmentCommands(documentId: string, updateSegment: (id: string, patch: Partial<EditorSegment>) => void, dropLocalText: (segmentId: string) => void) {
  const t = useTranslations("editor");
  const [reloads, setReloads] = useState(0);
  const [restores, setRestores] = useState(0);
  const [undoable, setUndoable] = useState<string | null>(null);

  async function restructure(segmentId: string, op: RestructureOp): Promise<string | null> {
    const response = await fetch(`/api/segments/${segmentId}/restructure`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(op) });
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) return body.error ?? t("refused", { status: response.status });
    setUndoable(op.op === "join" || op.op === "split" ? segmentId : null);
    // The texts changed on the server: drop any local copy of this segment before reloading.
    dropLocalText(segmentId);
    writeDraft(documentId, segmentId, null);
    setReloads((n) => n + 1);
    return null;
  }

  async function restoreRevision(segment: EditorSegment, revisionId: string): Promise<string | null> {
    const response = await fetch(`/api/segments/${segment.id}/restore`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ revisionId, baseVersion: segment.version }),
    });
    const body = (await response.json().catch(() => ({}))) as { segment?: { target: string; status: string; version: number }; error?: string };
    if (response.status === 409) return t("restoreConflict");
    if (!response.ok || !body.segment) return body.error ?? t("refused", { status: response.status });

    writeDraft(documentId, segment.id, null);
    dropLocalText(segment.id);
    updateSegment(segment.id, body.segment);
    setRestores((n) => n + 1);
    return null;
  }

  return { reloads, restores, undoable, restructure, restoreRevision };
}
