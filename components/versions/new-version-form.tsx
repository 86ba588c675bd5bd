"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createVersionAction } from "@/app/documents/[documentId]/actions";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Freezes the document as it is now under a name (e.g. "Sent to client", "Before copy-edit"),
 * typed once the page has hydrated: React would not keep one typed into the server's HTML.
 */
export function NewVersionForm({ documentId }: { documentId: string }) {
  const t = useTranslations("versions");
  const router = useRouter();
  const hydrated = useHydrated();
  const [label, setLabel] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const result = await createVersionAction({ documentId, label });
        setBusy(false);
        setMessage(result.ok ? { ok: true, text: t("saved", { label: label.trim() }) } : { ok: false, text: result.error });
        if (result.ok) {
          setLabel("");
          router.refresh();
        }
      }}
    >
      <HydratedFieldset>
        <label>
          {t("versionName")}{" "}
          <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={120} required placeholder={t("placeholder")} />
        </label>
      </HydratedFieldset>
      <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || busy || !label.trim()}>
        {t("make")}
      </button>
      {message && (
        <span role={message.ok ? "status" : "alert"} style={{ color: message.ok ? "var(--success)" : "var(--danger)" }}>
          {message.text}
        </span>
      )}
    </form>
  );
}
