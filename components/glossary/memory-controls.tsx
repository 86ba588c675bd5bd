"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { importMemoryAction, setSharedMemoryAction } from "@/app/projects/[projectId]/memory/actions";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";

/** TMX import and the shared-memory switch (owners). */
export function MemoryControls({ projectId, shared }: { projectId: string; shared: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section className={`${ui.card} ${ui.padded}`} style={{ display: "flex", gap: 24, alignItems: "end", flexWrap: "wrap", marginBottom: 16 }}>
      <form
        style={{ display: "flex", gap: 8, alignItems: "end" }}
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          form.set("projectId", projectId);
          const result = await importMemoryAction(form);
          setMessage(result.ok ? { ok: true, text: `Imported ${result.added} units (${result.skipped} already there or empty).` } : { ok: false, text: result.error });
          if (result.ok) router.refresh();
        }}
      >
        <label>
          Import TMX
          <br />
          <input type="file" name="file" accept=".tmx,.xml" />
        </label>
        <button type="submit" className={ui.button} disabled={!hydrated}>
          Import
        </button>
      </form>
      <label>
        <input
          type="checkbox"
          defaultChecked={shared}
          disabled={!hydrated}
          onChange={async (e) => {
            const result = await setSharedMemoryAction({ projectId, shared: e.target.checked });
            setMessage(result.ok ? { ok: true, text: e.target.checked ? "Approvals now also go to the shared memory, and lookups search it." : "The shared memory is no longer used." } : { ok: false, text: result.error });
          }}
        />{" "}
        Use the shared memory (across projects)
      </label>
      {message && (
        <p role={message.ok ? "status" : "alert"} style={{ margin: 0, flexBasis: "100%", color: message.ok ? "var(--success)" : "var(--danger)" }}>
          {message.text}
        </p>
      )}
    </section>
  );
}
