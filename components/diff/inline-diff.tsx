import { diffTexts } from "@/lib/diff/text-diff";
import styles from "./diff.module.css";

/** Deleted text struck through, inserted text underlined: readable without colour. */
export function InlineDiff({ before, after, lang }: { before: string; after: string; lang?: string }) {
  return (
    <span className={styles.diff} lang={lang}>
      {diffTexts(before, after).map((part, i) =>
        part.added ? (
          <ins key={i} className={styles.ins}>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={i} className={styles.del}>
            {part.value}
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </span>
  );
}
