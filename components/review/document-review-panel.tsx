"use client";

import { useTranslations } from "next-intl";
import { CheckIcon } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { assignDocumentAction, signOffAction } from "@/app/documents/[documentId]/actions";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useReasonText } from "@/components/ui/use-reason-text";
import type { CodedReason } from "@/lib/http/coded-error";
import { useFormat } from "@/lib/i18n/use-format";
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
  readiness?: { ready: boolean; reasons: CodedReason[] };
}) {
  const t = useTranslations("review.document");
  const f = useFormat();
  const reasonText = useReasonText();
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
    setMessage(result.ok ? { ok: true, text: t("assignmentSaved") } : { ok: false, text: result.error });
  }

  async function signOff() {
    setBusy(true);
    const result = await signOffAction({ documentId: props.documentId });
    setBusy(false);
    if (!result.ok) return setMessage({ ok: false, text: result.error });
    setSignedOffNow(result.signedOff);
    setMessage({ ok: true, text: t("signedOffSaved", { label: result.label }) });
    // The rest of the page (status, versions, activity) is the server's: fetch it again.
    router.refresh();
  }

  return (
    <section className={`${ui.card} ${ui.padded} ${styles.panel}`} aria-label={t("label")}>
      <div className={styles.state} data-testid="document-state">
        {signedOff ? (
          <span className={styles.signedOff}>
            <CheckIcon />{" "}
            {t.rich("signedOff", {
              by: signedOff.by,
              at: f.dateTime(signedOff.at),
              time: (chunks) => <time dateTime={signedOff.at}>{chunks}</time>,
            })}
          </span>
        ) : (
          <span>{t("inProgress")}</span>
        )}
      </div>
      {props.candidates ? (
        <div className={styles.assign}>
          {/* The choices and their button wait for hydration (display: contents: the row lays them out). */}
          <HydratedFieldset>
            <PersonChoice label={t("translator")} nobody={t("nobody")} people={props.candidates.translators} value={translatorId} onChange={setTranslatorId} />
            <PersonChoice label={t("reviewer")} nobody={t("nobody")} people={props.candidates.reviewers} value={reviewerId} onChange={setReviewerId} />
            <button type="button" className={ui.button} disabled={busy} onClick={() => void assign()}>
              {t("saveAssignment")}
            </button>
          </HydratedFieldset>
        </div>
      ) : (
        <div className={styles.assign}>
          {t("assigned", { translator: props.assignment.translator?.name ?? t("nobodyLower"), reviewer: props.assignment.reviewer?.name ?? t("nobodyLower") })}
        </div>
      )}
      {props.readiness && !signedOff && (
        <div className={styles.signOff}>
          {props.readiness.ready ? (
            <button type="button" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || busy} onClick={() => void signOff()}>
              {t("signOff")}
            </button>
          ) : (
            <span className={styles.notReady} data-testid="sign-off-blockers">
              {/* Why sign-off waits: the server's reasons (the same codes as its refusals), worded in this person's language. */}
              {t("notReady", { reasons: props.readiness.reasons.map(reasonText).join(" ") })}

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

/** One of the assignment's choices: a member of the project, or nobody. */
function PersonChoice(props: { label: string; nobody: string; people: Person[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      {props.label}{" "}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.nobody}</option>
        {props.people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
