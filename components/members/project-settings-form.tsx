"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { deleteProjectAction, updateProjectAction } from "@/app/projects/[projectId]/settings/actions";
import styles from "@/components/auth/auth.module.css";
import { ProjectFields, type ProjectFieldValues } from "@/components/account/project-fields";
import { FormErrors, FormMessage } from "@/components/ui/form-errors";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";


export function ProjectSettingsForm({ project }: { project: { id: string; name: string; description: string; reviewStages: number; qualityThreshold: number; fourEyes: boolean } }) {
  const t = useTranslations("projects.settings");
  const { register, handleSubmit, formState } = useForm<ProjectFieldValues>({
    defaultValues: { name: project.name, description: project.description, reviewStages: project.reviewStages === 2 ? "2" : "1", qualityThreshold: String(project.qualityThreshold), fourEyes: project.fourEyes },
  });
  // Sent only once hydrated: before, the button submitted the form natively (a reload that lost what was typed).
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirmName, setConfirmName] = useState("");
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const onSubmit = handleSubmit(async (fields) => {
    const result = await updateProjectAction({ projectId: project.id, name: fields.name, description: fields.description, reviewStages: Number(fields.reviewStages), qualityThreshold: Number(fields.qualityThreshold), fourEyes: fields.fourEyes });
    setMessage(result.ok ? { ok: true, text: t("saved") } : { ok: false, text: result.error });
  });

  async function remove() {
    setDeleteError(null);
    const result = await deleteProjectAction({ projectId: project.id, confirmName });
    if (result.ok) window.location.assign("/");
    else setDeleteError(result.error);
  }

  return (
    <div style={{ display: "flex", gap: 16, alignItems: "flex-start", flexWrap: "wrap" }}>
      <form className={`${ui.card} ${styles.card}`} style={{ width: 520 }} onSubmit={onSubmit} noValidate>
        <ProjectFields register={register} />
        <FormErrors errors={formState.errors} />
        <FormMessage message={message} />
        <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={!hydrated || formState.isSubmitting}>
          {t("save")}
        </button>
      </form>
      <section className={`${ui.card} ${styles.card}`} style={{ width: 420 }} aria-labelledby="delete-heading">
        <h2 id="delete-heading" className={styles.title}>
          {t("deleteTitle")}
        </h2>
        <p className={styles.hint}>{t("deleteHint")}</p>
        {/* Typed once the page has hydrated: React would not keep a name typed into the server's HTML. */}
        <HydratedFieldset>
          <label className={styles.field}>
            <span>{t("deleteConfirm")}</span>
            <input value={confirmName} onChange={(e) => setConfirmName(e.target.value)} />
          </label>
        </HydratedFieldset>
        {deleteError && (
          <p role="alert" className={styles.error}>
            {deleteError}
          </p>
        )}
        <button type="button" className={`${ui.button} ${styles.submit}`} style={{ borderColor: "var(--danger)", color: "var(--danger)" }} disabled={confirmName !== project.name} onClick={remove}>
          {t("deleteButton")}
        </button>
      </section>
    </div>
  );
}
