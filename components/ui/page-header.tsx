import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import styles from "./ui.module.css";

export function PageHeader({ crumbs, title, actions, titleLang }: { crumbs?: ReactNode; title: ReactNode; actions?: ReactNode; titleLang?: string }) {
  const t = useTranslations("nav");
  return (
    <div className={styles.pageHeader}>
      <div>
        {crumbs && <nav aria-label={t("breadcrumb")} className={styles.crumbs}>{crumbs}</nav>}
        <h1 className={styles.pageTitle} lang={titleLang}>
          {title}
        </h1>
      </div>
      {actions && <div>{actions}</div>}
    </div>
  );
}

export const ui = styles;
