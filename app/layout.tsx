import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { HydrationNotice } from "@/components/ui/hydration-notice";
import { getSessionUser } from "@/lib/auth/session";
import "./globals.css";
import styles from "./layout.module.css";

export const metadata: Metadata = {
  title: { default: "Duizhao 对照", template: "%s · Duizhao 对照" },
  description: "Chinese→English translation review workbench",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <html lang="en">
      <body>
        <a href="#main" className={styles.skip}>
          Skip to content
        </a>
        <header className={styles.header}>
          <Link href="/" className={styles.brand}>
            <span className={styles.mark} lang="zh-CN" aria-hidden="true">
              对照
            </span>
            <span>Duizhao</span>
          </Link>
          {user && (
            <nav aria-label="Main" className={styles.nav}>
              <Link href="/">Projects</Link>
              <Link href="/work">My work</Link>
            </nav>
          )}
          {user && (
            <div className={styles.user}>
              <Link href="/account" title={user.email}>
                {user.name}
                {user.isAdmin ? " (admin)" : ""}
              </Link>
              <Link href="/logout">Sign out</Link>
            </div>
          )}
        </header>
        <main id="main" className={styles.main}>
          <HydrationNotice />
          {children}
        </main>
      </body>
    </html>
  );
}
