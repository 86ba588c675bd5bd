"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { setSharedMemoryAction } from "@/app/projects/[projectId]/memory/actions";
import { FileImportForm } from "@/components/ui/file-import-form";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";

/** TMX import and the shared-memory switch (owners). */
export function MemoryControls({ projectId, shared, maxUploadBytes }: { projectId: string; shared: boolean; maxUploadBytes: number }) {
  const t = useTranslations("memory");
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section className={`${ui.card} ${ui.padded}`} style={{ display: "flex", gap: 24, alignItems: "end", flexWrap: "wrap", marginBottom: 16 }}>
      <FileImportForm
        label={t("importTmx")}
        accept=".tmx,.xml"
        url={`/api/projects/${projectId}/memory/import`}
        maxUploadBytes={maxUploadBytes}
        describe={(r) => t("imported", { added: r.added, skipped: r.skipped })}
        onMessage={setMessage}
      />
      <label>
        <input
          type="checkbox"
          defaultChecked={shared}
          disabled={!hydrated}
          onChange={async (e) => {
            const result = await setSharedMemoryAction({ projectId, shared: e.target.checked });
            setMessage(result.ok ? { ok: true, text: e.target.checked ? t("sharedOn") : t("sharedOff") } : { ok: false, text: result.error });
          }}
        />{" "}
        {t("useShared")}
      </label>
      {message && (
        <p role={message.ok ? "status" : "alert"} style={{ margin: 0, flexBasis: "100%", color: message.ok ? "var(--success)" : "var(--danger)" }}>
          {message.text}
        </p>
      )}
    </section>
  );
}
