"use client";

import { useEffect, useState } from "react";
import { InlineDiff } from "@/components/diff/inline-diff";
import type { SendBack } from "@/lib/review/send-back";
import styles from "./editor.module.css";

/**
 * On a segment sent back: the reviewer's comment (and error tag) and, when the reviewer edited
 * the text, the difference between the translator's last text and the reviewer's.
 */
export function SendBackNote({ segmentId, lang }: { segmentId: string; lang: string }) {
  const [sendBack, setSendBack] = useState<SendBack | null | "error">(null);
  useEffect(() => {
    let cancelled = false;
    fetch(`/api/segments/${segmentId}/send-back`)
      .then((r) => (r.ok ? (r.json() as Promise<{ sendBack: SendBack | null }>) : Promise.reject(new Error(String(r.status)))))
      .then((body) => !cancelled && setSendBack(body.sendBack))
      .catch(() => !cancelled && setSendBack("error"));
    return () => {
      cancelled = true;
    };
  }, [segmentId]);
  if (sendBack === null) return null;
  if (sendBack === "error") return <p className={styles.sendBack}>The reviewer&apos;s note could not be loaded; see the comments below.</p>;
  return (
    <section className={styles.sendBack} aria-label="Sent back by the reviewer" data-testid="send-back">
      <div>
        <strong>{sendBack.reviewerName}</strong> sent this back{sendBack.errorCategory ? ` (${sendBack.errorCategory}, ${sendBack.errorSeverity})` : ""}:{" "}
        <span style={{ whiteSpace: "pre-wrap" }}>{sendBack.comment}</span>
      </div>
      {sendBack.reviewerEdited && (
        <div data-testid="send-back-diff">
          <div className={styles.conflictLabel}>The reviewer changed your text (yours → theirs):</div>
          <InlineDiff before={sendBack.translatorText} after={sendBack.reviewerText} lang={lang} />
        </div>
      )}
    </section>
  );
}
