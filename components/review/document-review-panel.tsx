"use client";

import { CheckIcon } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { assignDocumentAction, signOffAction } from "@/app/documents/[documentId]/actions";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import styles from "./review-panel.module.css";

interface Person {
  id: string;
  name: string;
}

/**
 * The document's review state: who is assigned (owners change it), whether it is signed off,
 * and — for reviewers and owners — sign-off once every segment is approved and no issue is open.
 */
export function DocumentReviewPanel(props: {
  documentId: string;
  signedOff: { by: string; at: string } | null;
  assignment: { translator: Person | null; reviewer: Person | null };
  /** Present when the user may assign. */
  candidates?: { translators: Person[]; reviewers: Person[] };
  /** Present when the user may sign off. */
  readiness?: { ready: boolean; reasons: string[] };
}) {
  const hydrated = useHydrated();
  const [translatorId, setTranslatorId] = useState(props.assignment.translator?.id ?? "");
  const [reviewerId, setReviewerId] = useState(props.assignment.reviewer?.id ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Shown at once after "Sign off document", not only once the page's data is fetched again.
  const [signedOffNow, setSignedOffNow] = useState<{ by: string; at: string } | null>(null);
  const signedOff = signedOffNow ?? props.signedOff;
  const router = useRouter();

  async function assign() {
    setBusy(true);
    const result = await assignDocumentAction({ documentId: props.documentId, translatorId: translatorId || null, reviewerId: reviewerId || null });
    setBusy(false);
    setMessage(result.ok ? { ok: true, text: "Assignment saved." } : { ok: false, text: result.error });
  }

  async function signOff() {
    setBusy(true);
    const result = await signOffAction({ documentId: props.documentId });
    setBusy(false);
    if (!result.ok) return setMessage({ ok: false, text: result.error });
    setSignedOffNow(result.signedOff);
    setMessage({ ok: true, text: `Signed off. Version “${result.label}” was saved.` });
    // The rest of the page (status, versions, activity) is the server's: fetch it again.
    router.refresh();
  }

  return (
    <section className={`${ui.card} ${ui.padded} ${styles.panel}`} aria-label="Review and sign-off">
      <div className={styles.state} data-testid="document-state">
        {signedOff ? (
          <span className={styles.signedOff}>
            <CheckIcon /> Signed off by {signedOff.by} on {signedOff.at.slice(0, 16).replace("T", " ")} UTC
          </span>
        ) : (
          <span>In progress</span>
        )}
      </div>
      {props.candidates ? (
        <div className={styles.assign}>
          <label>
            Translator{" "}
            <select value={translatorId} onChange={(e) => setTranslatorId(e.target.value)}>
              <option value="">Nobody</option>
              {props.candidates.translators.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reviewer{" "}
            <select value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
              <option value="">Nobody</option>
              {props.candidates.reviewers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className={ui.button} disabled={!hydrated || busy} onClick={() => void assign()}>
            Save assignment
          </button>
        </div>
      ) : (
        <div className={styles.assign}>
          Translator: {props.assignment.translator?.name ?? "nobody"} · Reviewer: {props.assignment.reviewer?.name ?? "nobody"}
        </div>
      )}
      {props.readiness && !signedOff && (
        <div className={styles.signOff}>
          {props.readiness.ready ? (
            <button type="button" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || busy} onClick={() => void signOff()}>
              Sign off document
            </button>
          ) : (
            <span className={styles.notReady} data-testid="sign-off-blockers">
              Sign-off possible when every segment is approved and no issue is open: {props.readiness.reasons.join(" ")}
            </span>
          )}
        </div>
      )}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? styles.ok : styles.error}>
          {message.text}
        </p>
      )}
    </section>
  );
}
