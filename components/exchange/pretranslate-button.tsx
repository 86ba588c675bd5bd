"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Fills empty segments with machine translation, as drafts marked MT (never confirmed). */
export function PretranslateButton({ documentId, provider }: { documentId: string; provider: string }) {
  const t = useTranslations("exchange");
  const router = useRouter();
  const hydrated = useHydrated();
  const [state, setState] = useState<{ busy: boolean; text: string | null; error?: boolean }>({ busy: false, text: null });
  return (
    <span style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
      <button
        type="button"
        className={ui.button}
        disabled={!hydrated || state.busy}
        onClick={async () => {
          setState({ busy: true, text: t("pretranslate.running", { provider }) });
          const response = await fetch(`/api/documents/${documentId}/pretranslate`, { method: "POST", headers: { "content-type": "application/json" } }).catch(() => null);
          const body = (await response?.json().catch(() => ({}))) as { filled?: number; skipped?: number; error?: string | null } | undefined;
          if (!response?.ok) return setState({ busy: false, text: body?.error ?? t("pretranslate.failed"), error: true });
          setState({ busy: false, text: body?.error ? t("pretranslate.stopped", { count: body?.filled ?? 0, reason: body.error }) : t("pretranslate.filled", { count: body?.filled ?? 0 }), error: !!body?.error });
          router.refresh();
        }}
      >
        {t("pretranslate.button")}
      </button>
      {state.text && (
        <span role={state.error ? "alert" : "status"} style={{ fontSize: 13 }}>
          {state.text}
        </span>
      )}
    </span>
  );
}
