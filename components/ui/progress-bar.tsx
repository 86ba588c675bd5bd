import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/i18n/use-format";
import { SEGMENT_STATUSES, type StatusCounts } from "@/lib/review/segment-status";
import styles from "./ui.module.css";

/** A stacked bar of segment statuses with a text equivalent for screen readers and tooltips. */
export function ProgressBar({ counts, total }: { counts: StatusCounts; total: number }) {
  const t = useTranslations("status");
  const f = useFormat();
  const summary = f.list(SEGMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => t("count", { status: t(s), count: f.number(counts[s]) })), "plain");
  return (
    <div className={styles.progress} role="img" aria-label={total ? summary : t("noSegments")} title={summary}>
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
