import type { ReactNode } from "react";
import styles from "./ui.module.css";

export function PageHeader({ crumbs, title, actions, titleLang }: { crumbs?: ReactNode; title: ReactNode; actions?: ReactNode; titleLang?: string }) {
  return (
    <div className={styles.pageHeader}>
      <div>
        {crumbs && <nav aria-label="Breadcrumb" className={styles.crumbs}>{crumbs}</nav>}
        <h1 className={styles.pageTitle} lang={titleLang}>
          {title}
        </h1>
      </div>
      {actions && <div>{actions}</div>}
    </div>
  );
}

export const ui = styles;
