import { WarningIcon } from "@/components/ui/icons";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { KindBadge, StatusChip, WarningBadge } from "@/components/ui/badges";
import type { SegmentData } from "@/lib/documents/document-queries";
import { useFormat } from "@/lib/i18n/use-format";
import { fourEyesBlock, nextStatus } from "@/lib/review/workflow";
import { ApproveButton } from "./approve-button";
import styles from "./bilingual-view.module.css";

type ViewSegment = SegmentData;

/** Read-only side-by-side view: Chinese left, English right, one row per segment. */
export function BilingualView(props: {
  documentId: string;
  sourceLang: string;
  targetLang: string;
  segments: ViewSegment[];
  total: number;
  page: number;
  pageCount: number;
  /** The viewer may approve; buttons show only where the workflow allows a step. */
  canReview: boolean;
  reviewStages: number;
  /** The viewer, for four eyes: their own texts' approve buttons are off, saying why. */
  userId: string;
}) {
  const { segments, page, pageCount, total, documentId } = props;
  const t = useTranslations("documents.view");
  const f = useFormat();
  return (
    <section aria-label={t("segments")} className={styles.view}>
      <div className={styles.toolbar}>
        <span data-testid="segment-count">{t("count", { count: total, n: f.number(total) })}</span>
        {pageCount > 1 && (
          <nav aria-label={t("pages")} className={styles.pager}>
            {page > 1 && <Link href={`/documents/${documentId}?page=${page - 1}`}>{t("previous")}</Link>}
            <span>{t("pageOf", { page, pageCount })}</span>
            {page < pageCount && <Link href={`/documents/${documentId}?page=${page + 1}`}>{t("next")}</Link>}
          </nav>
        )}
      </div>
      <div className={styles.head} aria-hidden="true">
        <span>#</span>
        <span />
        <span>{t("source", { lang: props.sourceLang })}</span>
        <span>{t("target", { lang: props.targetLang })}</span>
        <span>{t("status")}</span>
      </div>
      <ol className={styles.rows}>
        {segments.map((s) => (
          <li key={s.id} className={`${styles.row} ${styles[`row_${s.kind}`] ?? ""}`} data-testid="segment-row" data-kind={s.kind}>
            <span className={styles.number}>{s.position + 1}</span>
            <span>
              <KindBadge kind={s.kind} />
            </span>
            <div className={styles.source} lang={props.sourceLang}>
              {s.source}
              {s.truncated && (
                <div>
                  <WarningBadge title={t("truncatedHelp")}>
                    <WarningIcon /> {t("truncated")}
                  </WarningBadge>
                </div>
              )}
            </div>
            <div className={styles.target} lang={props.targetLang}>
              {s.target ? s.target : <span className={styles.placeholder}>{t("notTranslated")}</span>}
            </div>
            <span className={styles.statusCell}>
              <StatusChip status={s.status} />
              {props.canReview && nextStatus("approve", s.status, props.reviewStages) && (
                <ApproveButton segmentId={s.id} version={s.version} position={s.position + 1} blocked={fourEyesBlock(s, props.userId) ? t("fourEyes") : null} />
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
