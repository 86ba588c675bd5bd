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
  return (
    <>
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
      <label className={styles.field}>
        <span>Quality pass threshold (penalty points per 1,000 source characters)</span>
        <input
          type="number"
          step="0.1"
          min="0"
          {...register("qualityThreshold", {
            required: "Set a threshold (0 means no error is tolerated).",
            validate: (v) => (Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 1000) || "A number from 0 to 1,000.",
          })}
        />
      </label>
      <label className={styles.check}>
        <input type="checkbox" {...register("fourEyes")} />
        <span>Four eyes: nobody approves a segment whose current text they wrote</span>
      </label>
    </>
  );
}
