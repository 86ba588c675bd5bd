import { SEGMENT_STATUSES, STATUS_LABELS, type StatusCounts } from "@/lib/review/segment-status";
import styles from "./ui.module.css";

/** A stacked bar of segment statuses with a text equivalent for screen readers and tooltips. */
export function ProgressBar({ counts, total }: { counts: StatusCounts; total: number }) {
  const summary = SEGMENT_STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `${STATUS_LABELS[s]}: ${counts[s]}`)
    .join(", ");
  return (
    <div className={styles.progress} role="img" aria-label={total ? summary : "No segments"} title={summary}>
      {total > 0 &&
        SEGMENT_STATUSES.map((s) =>
          counts[s] > 0 ? (
            <span key={s} className={styles.progressPart} style={{ width: `${(counts[s] / total) * 100}%`, background: `var(--status-${s})` }} />
          ) : null,
        )}
    </div>
  );
}

/** Share of segments done (approved), as a whole percentage. */
export function percentApproved(counts: StatusCounts, total: number): number {
  return total ? Math.floor((counts.approved / total) * 100) : 0;
}
