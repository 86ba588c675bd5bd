"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { createProjectAction } from "@/app/projects/new/actions";
import styles from "@/components/auth/auth.module.css";
import { ui } from "@/components/ui/page-header";

interface Fields {
  name: string;
  description: string;
  reviewStages: "1" | "2";
}

export function NewProjectForm() {
  const { register, handleSubmit, formState } = useForm<Fields>({ defaultValues: { name: "", description: "", reviewStages: "1" } });
  const [error, setError] = useState<string | null>(null);
  const onSubmit = handleSubmit(async (fields) => {
    setError(null);
    const result = await createProjectAction({ name: fields.name, description: fields.description, reviewStages: Number(fields.reviewStages) });
    if (!result.ok) return setError(result.error);
    window.location.assign(`/projects/${result.projectId}`);
  });
  return (
    <form className={`${ui.card} ${styles.card}`} style={{ width: 520 }} onSubmit={onSubmit} noValidate>
      <label className={styles.field}>
        <span>Name</span>
        <input {...register("name", { required: "Give the project a name.", maxLength: { value: 120, message: "At most 120 characters." } })} />
      </label>
      <label className={styles.field}>
        <span>Description</span>
        <input {...register("description", { maxLength: { value: 500, message: "At most 500 characters." } })} />
      </label>
      <label className={styles.field}>
        <span>Review stages</span>
        <select {...register("reviewStages")}>
          <option value="1">One: translated → approved</option>
          <option value="2">Two: translated → reviewed → approved</option>
        </select>
      </label>
      {Object.values(formState.errors).map((e) => (
        <p key={e?.message} role="alert" className={styles.error}>
          {e?.message}
        </p>
      ))}
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={formState.isSubmitting}>
        Create project
      </button>
    </form>
  );
}
