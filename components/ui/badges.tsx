import { useTranslations } from "next-intl";
import { isSegmentKind, type SegmentKind } from "@/lib/documents/block-kinds";
import { statusLabelKey } from "@/lib/i18n/labels";
import { isSegmentStatus } from "@/lib/review/segment-status";
import styles from "./ui.module.css";

/** One letter per kind, as in the editor's margin (H, P, C, B in both languages: a compact code, explained by the label). */
const KIND_SHORT: Record<SegmentKind, string> = { heading: "H", paragraph: "P", caption: "C", byline: "B" };

export function KindBadge({ kind }: { kind: string }) {
  const t = useTranslations("kinds");
  const known = isSegmentKind(kind) ? kind : "paragraph";
  return (
    <span className={`${styles.kind} ${styles[`kind_${known}`]}`} title={t(known)} data-kind={known}>
      <span aria-hidden="true">{KIND_SHORT[known]}</span>
      <span className="visually-hidden">{t(known)}</span>
    </span>
  );
}

export function KindLabel({ kind }: { kind: SegmentKind }) {
  const t = useTranslations("kinds");
  return <span className={`${styles.kindLabel} ${styles[`kind_${kind}`]}`}>{t(kind)}</span>;
}

export function StatusChip({ status }: { status: string }) {
  const t = useTranslations();
  const label = isSegmentStatus(status) ? t(statusLabelKey(status)) : status;
  return (
    <span className={styles.status} data-status={status}>
      <span className={styles.statusDot} style={{ background: `var(--status-${status})` }} aria-hidden="true" />
      {label}
    </span>
  );
}

export function WarningBadge({ children, title }: { children: React.ReactNode; title: string }) {
  return (
    <span className={styles.warning} title={title}>
      {children}
    </span>
  );
}
