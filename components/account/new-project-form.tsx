"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createProjectAction } from "@/app/projects/new/actions";
import styles from "@/components/auth/auth.module.css";
import { FormErrors } from "@/components/ui/form-errors";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ProjectFields, type ProjectFieldValues } from "./project-fields";


export function NewProjectForm() {
  const t = useTranslations("projects.new");
  const { register, handleSubmit, formState } = useForm<ProjectFieldValues>({ defaultValues: { name: "", description: "", reviewStages: "1", qualityThreshold: "10", fourEyes: false } });
  // Sent only once hydrated: before, the button submitted the form natively (a reload that lost what was typed).
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const onSubmit = handleSubmit(async (fields) => {
    setError(null);
    const result = await createProjectAction({ name: fields.name, description: fields.description, reviewStages: Number(fields.reviewStages), qualityThreshold: Number(fields.qualityThreshold), fourEyes: fields.fourEyes });
    if (!result.ok) return setError(result.error);
    window.location.assign(`/projects/${result.projectId}`);
  });
  return (
    <form className={`${ui.card} ${styles.card}`} style={{ width: 520 }} onSubmit={onSubmit} noValidate>
      <ProjectFields register={register} />
      <FormErrors errors={formState.errors} />
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={!hydrated || formState.isSubmitting}>
        {t("create")}
      </button>
    </form>
  );
}
