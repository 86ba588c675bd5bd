"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useJobProgress } from "@/components/jobs/job-progress";
import { useReasonText } from "@/components/ui/use-reason-text";
import type { CodedReason } from "@/lib/http/coded-error";
import type { ErrorCategory, ErrorSeverity } from "@/lib/review/quality";
import type { EditorSegment } from "./editor-types";

export type ReviewTransition = "approve" | "request_changes";
export interface ErrorTag {
  category: ErrorCategory;
  severity: ErrorSeverity;
}

/** A reviewer's actions in the editor: one segment's transition, a selection, and bulk approval of the selection or of all shown. */
export function useReviewActions(documentId: string, updateSegment: (id: string, patch: Partial<EditorSegment>) => void) {
  const t = useTranslations("editor");
  const reasonText = useReasonText();
  const [bulkMessage, setBulkMessage] = useState<string | null>(null);
  const job = useJobProgress();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  // "Changes since my last review": the text of each segment when this reviewer last approved it.
  const [baselines, setBaselines] = useState<Record<string, string> | null>(null);
  const [baselineError, setBaselineError] = useState<string | null>(null);
  // On as soon as ticked (the box answers at once); the filter applies when the baselines arrive.
  const [sinceReviewOn, setSinceReviewOn] = useState(false);

  async function loadBaselines() {
    const response = await fetch(`/api/documents/${documentId}/since-my-review`);
    const body = (await response.json().catch(() => ({}))) as { baselines?: Record<string, string>; error?: string };
    if (!response.ok || !body.baselines) {
      setBaselineError(body.error ?? t("refused", { status: response.status }));
      setSinceReviewOn(false);
      return;
    }
    setBaselineError(null);
    setBaselines(body.baselines);
  }

  function toggleSinceReview() {
    if (sinceReviewOn) {
      setSinceReviewOn(false);
      setBaselines(null);
    } else {
      setSinceReviewOn(true);
      void loadBaselines();
    }
  }

  /** Ticks or unticks a segment; with Shift, everything shown between it and the last one ticked. */
  function toggle(id: string, shift: boolean, shownIds: () => string[]) {
    setSelected((prev) => {
      const next = new Set(prev);
      const ids = shift && anchor ? shownIds() : [];
      const [a, b] = [ids.indexOf(anchor ?? ""), ids.indexOf(id)];
      if (a >= 0 && b >= 0) {
        for (const rangeId of ids.slice(Math.min(a, b), Math.max(a, b) + 1)) next.add(rangeId);
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    setAnchor(id);
  }

  async function review(segment: EditorSegment, transition: ReviewTransition, comment?: string, error?: ErrorTag): Promise<string | null> {
    const response = await fetch(`/api/segments/${segment.id}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ transition, version: segment.version, comment, error }),
    });
    const body = (await response.json().catch(() => ({}))) as { status?: string; version?: number; error?: string };
    if (!response.ok || !body.status) return body.error ?? t("refused", { status: response.status });
    updateSegment(segment.id, { status: body.status, version: body.version, comments: segment.comments + (comment ? 1 : 0) });
    if (transition === "approve") setBaselines((b) => (b ? { ...b, [segment.id]: segment.target } : b));
    return null;
  }

  /** Approves the given segments; reports those refused and why. */
  async function approveAll(ids: string[]) {
    setBulkMessage(t("approving"));
    const response = await fetch(`/api/documents/${documentId}/bulk-approve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ segmentIds: ids, jobId: job.begin() }),
    }).finally(job.end);
    const body = (await response.json().catch(() => ({}))) as { approved?: { id: string; status: string; version: number }[]; refused?: ({ position: number } & CodedReason)[]; error?: string };
    if (!response.ok || !body.approved) return setBulkMessage(body.error ?? t("refused", { status: response.status }));
    body.approved.forEach((a) => updateSegment(a.id, { status: a.status, version: a.version }));
    setSelected(new Set());
    if (baselines) void loadBaselines();
    const refused = body.refused ?? [];
    const notApproved = refused.map((r) => t("refusedSegment", { number: r.position + 1, reason: reasonText(r) })).join(t("refusedSeparator"));
    setBulkMessage(t("approved", { count: body.approved.length }) + (refused.length ? t("notApproved", { list: notApproved }) : ""));

  }

  // While a large approval runs, its progress stands in for the message.
  const progress = job.running && job.progress?.phase === "approving" ? t("approvingProgress", { done: job.progress.done, total: job.progress.total }) : null;
  return { review, approveAll, bulkMessage: progress ?? bulkMessage, selected, toggle, clearSelection: () => setSelected(new Set()), baselines, baselineError, sinceReviewOn, toggleSinceReview };
}
