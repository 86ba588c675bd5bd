import { WarningIcon } from "@/components/ui/icons";
import Link from "next/link";
import { KindBadge, StatusChip, WarningBadge } from "@/components/ui/badges";
import type { SegmentData } from "@/lib/documents/document-queries";
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
  return (
    <section aria-label="Segments" className={styles.view}>
      <div className={styles.toolbar}>
        <span data-testid="segment-count">{total.toLocaleString("en")} segments</span>
        {pageCount > 1 && (
          <nav aria-label="Pages" className={styles.pager}>
            {page > 1 && <Link href={`/documents/${documentId}?page=${page - 1}`}>← Previous</Link>}
            <span>
              Page {page} of {pageCount}
            </span>
            {page < pageCount && <Link href={`/documents/${documentId}?page=${page + 1}`}>Next →</Link>}
          </nav>
        )}
      </div>
      <div className={styles.head} aria-hidden="true">
        <span>#</span>
        <span />
        <span>Chinese ({props.sourceLang})</span>
        <span>English ({props.targetLang})</span>
        <span>Status</span>
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
                  <WarningBadge title="This paragraph ends mid-sentence and no continuation was found before the next heading: part of it may be missing from the original.">
                    <WarningIcon /> Probably truncated
                  </WarningBadge>
                </div>
              )}
            </div>
            <div className={styles.target} lang={props.targetLang}>
              {s.target ? s.target : <span className={styles.placeholder}>Not translated yet</span>}
            </div>
            <span className={styles.statusCell}>
              <StatusChip status={s.status} />
              {props.canReview && nextStatus("approve", s.status, props.reviewStages) && (
                <ApproveButton segmentId={s.id} version={s.version} position={s.position + 1} blocked={fourEyesBlock(s, props.userId)} />
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
