import { useTranslations } from "next-intl";
import { diffTexts, type DiffMode, type DiffPart } from "@/lib/diff/text-diff";
import styles from "./diff.module.css";

function Part({ part }: { part: DiffPart }) {
  if (part.added) return <ins className={styles.ins}>{part.value}</ins>;
  if (part.removed) return <del className={styles.del}>{part.value}</del>;
  return <span>{part.value}</span>;
}

/** Deleted text struck through, inserted text underlined (ins/del for screen readers): readable without colour. */
export function InlineDiff({ before, after, lang, mode = "words" }: { before: string; after: string; lang?: string; mode?: DiffMode }) {
  return (
    <span className={styles.diff} lang={lang}>
      {diffTexts(before, after, mode).map((part, i) => (
        <Part key={i} part={part} />
      ))}
    </span>
  );
}

/** The same difference as two columns: the older text with its deletions, the newer with its insertions. */
export function SideBySideDiff(props: { before: string; after: string; lang?: string; mode?: DiffMode; labels?: [string, string] }) {
  const t = useTranslations("history");
  const parts = diffTexts(props.before, props.after, props.mode);
  const [left, right] = props.labels ?? [t("before"), t("after")];

  return (
    <div className={styles.sideBySide}>
      <div>
        <div className={styles.columnLabel}>{left}</div>
        <div className={styles.diff} lang={props.lang} data-testid="diff-before">
          {parts.filter((p) => !p.added).map((part, i) => (
            <Part key={i} part={part} />
          ))}
        </div>
      </div>
      <div>
        <div className={styles.columnLabel}>{right}</div>
        <div className={styles.diff} lang={props.lang} data-testid="diff-after">
          {parts.filter((p) => !p.removed).map((part, i) => (
            <Part key={i} part={part} />
          ))}
        </div>
      </div>
    </div>
  );
}
