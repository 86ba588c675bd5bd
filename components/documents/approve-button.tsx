"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import styles from "./bilingual-view.module.css";

/**
 * Approves one segment through the status API; the server decides whether that is allowed.
 * Grey until the page's scripts run: a click before hydration would do nothing at all.
 */
export function ApproveButton({ segmentId, version, position, blocked }: { segmentId: string; version: number; position: number; blocked?: string | null }) {
  const t = useTranslations("documents.approve");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  function approve() {
    setError(null);
    startTransition(async () => {
      const response = await fetch(`/api/segments/${segmentId}/status`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ transition: "approve", version }),
      });
      if (response.ok) router.refresh();
      else setError(((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? t("failed"));
    });
  }
  return (
    <>
      <button
        type="button"
        className={styles.approve}
        onClick={approve}
        disabled={!hydrated || pending || !!blocked}
        aria-label={t("label", { position })}
        aria-describedby={blocked ? `approve-blocked-${segmentId}` : undefined}
      >
        {pending ? "…" : t("button")}
      </button>
      {blocked && (
        <span id={`approve-blocked-${segmentId}`} className={styles.rowNote}>
          {blocked}
        </span>
      )}
      {error && (
        <span role="alert" className={styles.rowError}>
          {error}
        </span>
      )}
    </>
  );
}
