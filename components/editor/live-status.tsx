"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { StreamEndReason } from "@/lib/events/event-types";
import type { LiveNoteKind } from "@/lib/editor/live-apply";
import { useFormat } from "@/lib/i18n/use-format";
import type { DocumentStatusNotice, LiveHighlightState, SignedOffState } from "./use-live-collaboration";
import type { LiveConnection } from "./use-live-events";
import styles from "./editor.module.css";

/** The stream's state in the toolbar: a small dot while live, a word while reconnecting or after it ended. */
export function LiveBadge({ state }: { state: LiveConnection }) {
  const t = useTranslations("editor.live");
  const labels: Record<LiveConnection, () => string> = {
    live: () => t("live"),
    connecting: () => t("connecting"),
    reconnecting: () => t("reconnecting"),
    signedOut: () => t("endedSignedOutBadge"),
    noAccess: () => t("endedNoAccessBadge"),
  };
  const hint = state === "live" ? t("liveHint") : state === "signedOut" || state === "noAccess" ? t("endedHint") : t("reconnectingHint");
  return (
    <span className={styles.liveBadge} data-state={state} data-testid="live-state" title={hint}>
      <span className={styles.liveDot} aria-hidden="true" />
      {labels[state]()}
    </span>
  );
}

/**
 * The server ended the live stream for good (it stops reconnecting): signed out — a link to sign
 * in again that comes back here, where the drafts kept in this browser are offered back — or
 * shut out of the document.
 */
export function LiveEndedBanner({ reason }: { reason: StreamEndReason }) {
  const t = useTranslations("editor.live");
  const [back, setBack] = useState("/");
  useEffect(() => setBack(window.location.pathname + window.location.search), []);
  return (
    <div className={`${styles.liveBanner} ${styles.liveEnded}`} role="alert" data-testid="live-ended" data-reason={reason}>
      {reason === "signedOut" ? (
        <>
          <span>{t("endedSignedOut")}</span>
          <a href={`/login?callbackUrl=${encodeURIComponent(back)}`}>{t("signInAgain")}</a>
        </>
      ) : (
        <span>{t("endedNoAccess")}</span>
      )}
    </div>
  );
}

/** "Wang Fang saved": who changed a row, shown briefly beside it. */
export function LiveNote({ note }: { note: LiveHighlightState }) {
  const t = useTranslations("editor.live.reason");
  const name = note.name;
  // Literal keys (not t(note.kind)) so the catalog check sees each one used.
  const wording: Record<LiveNoteKind, () => string> = {
    saved: () => t("saved", { name }),
    status: () => t("status", { name }),
    propagated: () => t("propagated", { name }),
    restored: () => t("restored", { name }),
    replaced: () => t("replaced", { name }),
    pretranslated: () => t("pretranslated", { name }),
    reimported: () => t("reimported", { name }),
    source: () => t("source", { name }),
    joined: () => t("joined", { name }),
    split: () => t("split", { name }),
    undone: () => t("undone", { name }),
    commentAdded: () => t("commentAdded", { name }),
    commentEdited: () => t("commentEdited", { name }),
    commentResolved: () => t("commentResolved", { name }),
    commentReopened: () => t("commentReopened", { name }),
    commentDeleted: () => t("commentDeleted", { name }),
  };
  return (
    <span className={styles.liveNote} data-testid="live-note">
      {wording[note.kind]()}
    </span>
  );
}

/** Someone signed off or reopened the document while it was open here. */
export function DocumentStatusBanner({ notice, onClose }: { notice: DocumentStatusNotice; onClose: () => void }) {
  const t = useTranslations("editor.live");
  return (
    <div className={styles.liveBanner} role="status" data-testid="live-document-status">
      <span>{notice.action === "signed_off" ? t("signedOff", { name: notice.name }) : t("reopened", { name: notice.name })}</span>
      <button type="button" onClick={onClose}>
        {t("dismiss")}
      </button>
    </div>
  );
}

/** The document is signed off (from the page, or live): a chip in the toolbar; it goes when someone's change reopens the document. */
export function SignedOffBadge({ signedOff }: { signedOff: SignedOffState }) {
  const t = useTranslations("editor.live");
  const f = useFormat();
  const at = f.dateTime(signedOff.at);
  return (
    <span className={styles.signedOffBadge} data-testid="document-signed-off" title={signedOff.name ? t("signedOffBy", { name: signedOff.name, at }) : t("signedOffAt", { at })}>
      {t("signedOffBadge")}
    </span>
  );
}
