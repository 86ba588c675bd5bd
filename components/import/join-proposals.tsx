"use client";

import { useTranslations } from "next-intl";
import { KindLabel } from "@/components/ui/badges";
import { ui } from "@/components/ui/page-header";
import type { ImportAnalysis } from "@/lib/documents/analyse-import";
import styles from "./import.module.css";

export type JoinDecision = "join" | "separate";

const EXCERPT = 48;

function tail(text: string): string {
  return text.length > EXCERPT ? `…${text.slice(-EXCERPT)}` : text;
}
function head(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

/** Each proposed page-break join with both halves; the user joins or keeps them apart. */
export function JoinProposals(props: {
  analysis: ImportAnalysis;
  decisions: Record<number, JoinDecision>;
  onDecide: (id: number, decision: JoinDecision) => void;
  onDecideAll: (decision: JoinDecision) => void;
  /** While the document is being created: the decisions are sent, nothing here may change. */
  disabled?: boolean;
}) {
  const t = useTranslations("import");
  const { analysis } = props;
  if (analysis.joins.length === 0) return null;
  return (
    <section className={ui.card} aria-labelledby="joins-heading">
      <div className={styles.sectionHead}>
        <h2 id="joins-heading">{t("joins.title")}</h2>
        <p className={styles.hint}>{t("joins.help")}</p>
        <div className={styles.bulk}>
          <button type="button" className={ui.button} disabled={props.disabled} onClick={() => props.onDecideAll("join")}>
            {t("joins.joinAll")}
          </button>
          <button type="button" className={ui.button} disabled={props.disabled} onClick={() => props.onDecideAll("separate")}>
            {t("joins.separateAll")}
          </button>
        </div>
      </div>
      <ol className={styles.joins}>
        {analysis.joins.map((join, n) => {
          const first = analysis.blocks[join.first]!;
          const second = analysis.blocks[join.second]!;
          const decision = props.decisions[join.id];
          return (
            <li key={join.id} className={styles.join} data-testid="join-proposal" data-decision={decision ?? "undecided"}>
              <div className={styles.joinHalves} lang="zh-CN">
                <div>
                  <div className={styles.halfLabel}>{t("joins.ends", { block: join.first + 1 })}</div>
                  <div className={styles.half}>
                    {tail(first.text)}
                    <span className={styles.cut} aria-label={t("joins.cut")}>
                      ⟩
                    </span>
                  </div>
                </div>
                {join.between.map((b) => (
                  <div key={b} className={styles.between}>
                    <KindLabel kind={analysis.blocks[b]!.kind} /> {analysis.blocks[b]!.text} <em>{t("joins.staysSeparate")}</em>
                  </div>
                ))}
                <div>
                  <div className={styles.halfLabel}>{t("joins.continues", { block: join.second + 1 })}</div>
                  <div className={styles.half}>
                    <span className={styles.cut} aria-hidden="true">
                      ⟨
                    </span>
                    {head(second.text)}
                  </div>
                </div>
              </div>
              <fieldset className={styles.decision} disabled={props.disabled}>
                <legend className="visually-hidden">{t("joins.proposal", { n: n + 1 })}</legend>
                {(["join", "separate"] as const).map((d) => (
                  <label key={d} className={decision === d ? styles.choiceActive : styles.choice}>
                    <input type="radio" name={`join-${join.id}`} value={d} checked={decision === d} onChange={() => props.onDecide(join.id, d)} />
                    {d === "join" ? t("joins.join") : t("joins.separate")}
                  </label>
                ))}
              </fieldset>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
