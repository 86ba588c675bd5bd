import type { SegmentKind } from "@/lib/documents/block-kinds";
import { statusLabel } from "@/lib/review/segment-status";
import styles from "./ui.module.css";

const KIND_LABELS: Record<SegmentKind, string> = {
  heading: "Heading",
  paragraph: "Paragraph",
  caption: "Caption",
  byline: "Byline",
};
const KIND_SHORT: Record<SegmentKind, string> = { heading: "H", paragraph: "P", caption: "C", byline: "B" };

export function KindBadge({ kind }: { kind: string }) {
  const known = kind in KIND_LABELS ? (kind as SegmentKind) : "paragraph";
  return (
    <span className={`${styles.kind} ${styles[`kind_${known}`]}`} title={KIND_LABELS[known]} data-kind={known}>
      <span aria-hidden="true">{KIND_SHORT[known]}</span>
      <span className="visually-hidden">{KIND_LABELS[known]}</span>
    </span>
  );
}

export function KindLabel({ kind }: { kind: SegmentKind }) {
  return <span className={`${styles.kindLabel} ${styles[`kind_${kind}`]}`}>{KIND_LABELS[kind]}</span>;
}

export function StatusChip({ status }: { status: string }) {
  const label = statusLabel(status);
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
