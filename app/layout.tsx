import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { HydrationNotice } from "@/components/ui/hydration-notice";
import { IntentLink } from "@/components/ui/intent-link";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { unreadCount } from "@/lib/notifications/notification-queries";
import { getSessionUser } from "@/lib/auth/session";
import "./globals.css";
import styles from "./layout.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: "Duizhao 对照", template: "%s · Duizhao 对照" }, description: t("appDescription") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, locale, t] = await Promise.all([getSessionUser(), getLocale(), getTranslations("nav")]);
  const unread = user ? await unreadCount(user.id) : 0;
  return (
    <html lang={locale}>
      <body>
        {/* Inherits the request's language, catalog and time zone (i18n/request.ts): client components render in it on first load. */}
        <NextIntlClientProvider>
          <a href="#main" className={styles.skip}>
            {t("skipToContent")}
          </a>
          <header className={styles.header}>
            <IntentLink href="/" className={styles.brand}>
              <span className={styles.mark} lang="zh-CN" aria-hidden="true">
                对照
              </span>
              <span lang="en">Duizhao</span>
            </IntentLink>
            {user && (
              <nav aria-label={t("main")} className={styles.nav}>
                <IntentLink href="/">{t("projects")}</IntentLink>
                <IntentLink href="/work">{t("myWork")}</IntentLink>
              </nav>
            )}
            <div className={styles.user}>
              <LanguageSwitcher signedIn={!!user} />
              {user && (
                <>
                  <NotificationBell initialUnread={unread} />
                  <IntentLink href="/account" title={user.email}>
                    {user.isAdmin ? t("adminSuffix", { name: user.name }) : user.name}
                  </IntentLink>
                  <IntentLink href="/logout">{t("signOut")}</IntentLink>
                </>
              )}
            </div>
          </header>
          <main id="main" className={styles.main}>
            <HydrationNotice />
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
