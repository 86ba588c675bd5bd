"use client";

import { RecoverBanner } from "./draft-recovery";
import { DocumentStatusBanner, LiveEndedBanner } from "./live-status";
import { PropagationNotice } from "./repetitions";
import type { useDraftRecovery } from "./draft-recovery";
import type { useLiveCollaboration } from "./use-live-collaboration";
import type { usePropagation } from "./use-propagation";

/**
 * The banners above the segment list: first the document's own — the live stream ended for good,
 * the document signed off or reopened by someone else — then `children` (the review bar and the
 * open panels), then those about this person's work: a save's propagation to repetitions (with
 * undo) and drafts from an earlier session to restore.
 */
export function EditorNotices({ live, propagation, drafts, children }: {
  live: Pick<ReturnType<typeof useLiveCollaboration>, "connection" | "documentStatus" | "closeDocumentStatus">;
  propagation: Pick<ReturnType<typeof usePropagation>, "notice" | "undo" | "close">;
  drafts: ReturnType<typeof useDraftRecovery>;
  children?: React.ReactNode;
}) {
  return (
    <>
      {(live.connection === "signedOut" || live.connection === "noAccess") && <LiveEndedBanner reason={live.connection} />}
      {live.documentStatus && <DocumentStatusBanner notice={live.documentStatus} onClose={live.closeDocumentStatus} />}
      {children}
      {propagation.notice && <PropagationNotice state={propagation.notice} onUndo={() => void propagation.undo()} onClose={propagation.close} />}
      {drafts.count > 0 && <RecoverBanner count={drafts.count} onRestore={drafts.restore} onDiscard={drafts.discard} />}
    </>
  );
}
