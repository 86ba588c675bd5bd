"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { updateRepetitionSettingsAction } from "@/app/projects/[projectId]/settings/actions";
import styles from "@/components/auth/auth.module.css";
import { FormMessage } from "@/components/ui/form-errors";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";

/**
 * The project's repetition settings: propagate across documents, and the status propagated segments
 * get. Fields and button wait for hydration: React would not keep a choice made in the server's HTML.
 */
export function RepetitionSettingsForm({ project }: { project: { id: string; propagateAcrossDocuments: boolean; propagatedStatus: string } }) {
  const t = useTranslations("projects.repetitions");
  const tStatus = useTranslations("status");
  const [across, setAcross] = useState(project.propagateAcrossDocuments);
  const [status, setStatus] = useState(project.propagatedStatus === "translated" ? "translated" : "draft");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await updateRepetitionSettingsAction({ projectId: project.id, propagateAcrossDocuments: across, propagatedStatus: status });
    setBusy(false);
    setMessage(result.ok ? { ok: true, text: t("saved") } : { ok: false, text: result.error });
  }

  return (
    <form className={`${ui.card} ${styles.card}`} style={{ width: 520 }} onSubmit={save} aria-labelledby="repetitions-heading" data-testid="repetition-settings">
      <h2 id="repetitions-heading" className={styles.title}>
        {t("title")}
      </h2>
      <p className={styles.hint}>{t("hint")}</p>
      <HydratedFieldset>
        <label className={styles.check}>
          <input type="checkbox" checked={across} onChange={(e) => setAcross(e.target.checked)} />
          <span>{t("acrossDocuments")}</span>
        </label>
        <label className={styles.field}>
          <span>{t("status")}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value === "translated" ? "translated" : "draft")}>
            <option value="draft">{tStatus("draft")}</option>
            <option value="translated">{tStatus("translated")}</option>
          </select>
        </label>
        <FormMessage message={message} />
        <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={busy}>
          {t("save")}
        </button>
      </HydratedFieldset>
    </form>
  );
}
