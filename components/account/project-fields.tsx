import { useTranslations } from "next-intl";
import type { UseFormRegister } from "react-hook-form";
import styles from "@/components/auth/auth.module.css";

export interface ProjectFieldValues {
  name: string;
  description: string;
  reviewStages: "1" | "2";
  /** MQM pass threshold: penalty points per 1,000 source characters. */
  qualityThreshold: string;
  /** Nobody approves a segment whose current text they wrote. */
  fourEyes: boolean;
}

/** Name, description and review stages: shared by the new-project and settings forms. */
export function ProjectFields({ register }: { register: UseFormRegister<ProjectFieldValues> }) {
  const t = useTranslations("projects.fields");
  return (
    <>
      <label className={styles.field}>
        <span>{t("name")}</span>
        <input {...register("name", { required: t("nameRequired"), maxLength: { value: 120, message: t("atMost", { count: 120 }) } })} />
      </label>
      <label className={styles.field}>
        <span>{t("description")}</span>
        <input {...register("description", { maxLength: { value: 500, message: t("atMost", { count: 500 }) } })} />
      </label>
      <label className={styles.field}>
        <span>{t("reviewStages")}</span>
        <select {...register("reviewStages")}>
          <option value="1">{t("oneStage")}</option>
          <option value="2">{t("twoStages")}</option>
        </select>
      </label>
      <label className={styles.field}>
        <span>{t("threshold")}</span>
        <input
          type="number"
          step="0.1"
          min="0"
          {...register("qualityThreshold", {
            required: t("thresholdRequired"),
            validate: (v) => (Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 1000) || t("thresholdRange"),
          })}
        />
      </label>
      <label className={styles.check}>
        <input type="checkbox" {...register("fourEyes")} />
        <span>{t("fourEyes")}</span>
      </label>
    </>
  );
}
