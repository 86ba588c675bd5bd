"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { InlineDiff } from "@/components/diff/inline-diff";
import { categoryLabelKey, severityLabelKey } from "@/lib/i18n/labels";
import { isErrorCategory, isErrorSeverity } from "@/lib/review/quality";
import type { SendBack } from "@/lib/review/send-back";
import styles from "./editor.module.css";

/**
 * On a segment sent back: the reviewer's comment (and error tag) and, when the reviewer edited
 * the text, the difference between the translator's last text and the reviewer's.
 */
export function SendBackNote({ segmentId, lang }: { segmentId: string; lang: string }) {
  const t = useTranslations("review.sendBack");
  const tRoot = useTranslations();
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
  if (sendBack === "error") return <p className={styles.sendBack}>{t("notLoaded")}</p>;
  const category = sendBack.errorCategory;
  const severity = sendBack.errorSeverity ?? "";
  return (
    <section className={styles.sendBack} aria-label={t("label")} data-testid="send-back">
      <div>
        {t.rich("sentBack", {
          name: sendBack.reviewerName ?? tRoot("common.formerMember"),
          tagged: category ? "yes" : "no",
          category: category ? (isErrorCategory(category) ? tRoot(categoryLabelKey(category)) : category) : "",
          severity: isErrorSeverity(severity) ? tRoot(severityLabelKey(severity)) : severity,
          b: (chunks) => <strong>{chunks}</strong>,
        })}{" "}
        <span style={{ whiteSpace: "pre-wrap" }}>{sendBack.comment}</span>
      </div>
      {sendBack.reviewerEdited && (
        <div data-testid="send-back-diff">
          <div className={styles.conflictLabel}>{t("reviewerChanged")}</div>

          <InlineDiff before={sendBack.translatorText} after={sendBack.reviewerText} lang={lang} />
        </div>
      )}
    </section>
  );
}
