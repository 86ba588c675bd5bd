"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type RefObject } from "react";
import { readDrafts, writeDraft, type StoredDraft } from "./draft-storage";
import type { EditorSegment } from "./editor-types";
import styles from "./editor.module.css";

/**
 * Text typed in an earlier session (a crash, a closed tab, a network failure) that the server
 * never acknowledged. Offered back once the editor opens; restoring saves it against the
 * version it was typed on, so a change made meanwhile shows as a conflict, never overwritten.
 */
export function useDraftRecovery(
  documentId: string,
  segmentsRef: RefObject<(EditorSegment | undefined)[]>,
  onRestore: (segmentId: string, text: string, baseVersion: number) => void,
) {
  const [recovered, setRecovered] = useState<Record<string, StoredDraft> | null>(null);
  useEffect(() => {
    // A task of its own, not the editor's first commit: the page's first localStorage read waits
    // for the browser process to open the origin's storage (~16 ms on the 2-core bench machine
    // during a cold load), and the commit's effects already made a long task with it (issue 18).
    const timer = setTimeout(() => {
      const drafts = readDrafts(documentId);
      if (Object.keys(drafts).length) setRecovered(drafts);
    }, 0);
    return () => clearTimeout(timer);
  }, [documentId]);

  function restore() {
    const drafts = recovered ?? {};
    setRecovered(null);
    for (const [segmentId, draft] of Object.entries(drafts)) {
      const segment = segmentsRef.current.find((s) => s?.id === segmentId);
      // Gone (joined away) or already saved: nothing to restore.
      if (!segment || draft.text === segment.target) {
        writeDraft(documentId, segmentId, null);
        continue;
      }
      onRestore(segmentId, draft.text, draft.baseVersion);
    }
  }

  function discard() {
    for (const segmentId of Object.keys(recovered ?? {})) writeDraft(documentId, segmentId, null);
    setRecovered(null);
  }

  return { count: recovered ? Object.keys(recovered).length : 0, restore, discard };
}

export function RecoverBanner({ count, onRestore, onDiscard }: { count: number; onRestore: () => void; onDiscard: () => void }) {
  const t = useTranslations("editor.drafts");
  return (
    <div className={styles.recover} role="status">
      {t("kept", { count })}
      <button type="button" onClick={onRestore}>
        {t("restore")}
      </button>
      <button type="button" onClick={onDiscard}>
        {t("discard")}
      </button>

    </div>
  );
}
