import type { FieldErrors, FieldValues } from "react-hook-form";
import styles from "@/components/auth/auth.module.css";

/** The validation messages of a react-hook-form form, each announced as an alert. */
export function FormErrors<T extends FieldValues>({ errors }: { errors: FieldErrors<T> }) {
  return (
    <>
      {Object.values(errors).map((e) => (
        <p key={String(e?.message)} role="alert" className={styles.error}>
          {String(e?.message ?? "")}
        </p>
      ))}
    </>
  );
}

/** A form's result line: a success notice (status) or an error (alert). */
export function FormMessage({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return (
    <p role={message.ok ? "status" : "alert"} className={message.ok ? styles.notice : styles.error}>
      {message.text}
    </p>
  );
}
