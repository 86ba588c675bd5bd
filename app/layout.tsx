import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import styles from "./layout.module.css";

export const metadata: Metadata = {
  title: { default: "Duizhao 对照", template: "%s · Duizhao 对照" },
  description: "Chinese→English translation review workbench",
};

export default function RootLayout({ children }: { children: ReactNode }) {
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
          <nav aria-label="Main" className={styles.nav}>
            <Link href="/">Projects</Link>
          </nav>
        </header>
        <main id="main" className={styles.main}>
          {children}
        </main>
      </body>
    </html>
  );
}
