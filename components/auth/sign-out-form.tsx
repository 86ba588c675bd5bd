"use client";

import { signOutTo } from "@/components/auth/sign-out-to";
import { ui } from "@/components/ui/page-header";
import styles from "./auth.module.css";

export function SignOutForm() {
  return (
    <div className={styles.wrap}>
      <div className={`${ui.card} ${styles.card}`}>
        <h1 className={styles.title}>Sign out</h1>
        <p className={styles.hint}>You will need your password to sign in again.</p>
        <button type="button" className={`${ui.button} ${ui.primary} ${styles.submit}`} onClick={() => signOutTo("/login")} autoFocus>
          Sign out
        </button>
      </div>
    </div>
  );
}
