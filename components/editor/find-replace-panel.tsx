"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { InlineDiff } from "@/components/diff/inline-diff";
import { JobProgressBar, useJobProgress } from "@/components/jobs/job-progress";
import { useReasonText } from "@/components/ui/use-reason-text";
import type { CodedReason } from "@/lib/http/coded-error";
import type { ReplacementPreview } from "@/lib/revisions/replace-in-document";
import type { EditorSegment } from "./editor-types";
import styles from "./editor.module.css";

type Change = ReplacementPreview;

/** Find and replace in the English targets: every change is previewed before it is applied. */
export function FindReplacePanel(props: {
  documentId: string;
  targetLang: string;
  onApplied: (segments: Pick<EditorSegment, "id" | "target" | "status" | "version">[]) => void;
  onClose: () => void;
}) {
  const t = useTranslations("editor.replace");
  const reasonText = useReasonText();
  const ids = { find: useId(), replace: useId() };
  const [spec, setSpec] = useState({ find: "", replace: "", regex: false, matchCase: false });
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJobProgress();

  async function call(body: object) {
    setBusy(true);
    try {
      const response = await fetch(`/api/documents/${props.documentId}/replace`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error((json as { error?: string }).error ?? t("refused", { status: response.status }));
      return json;
    } finally {
      setBusy(false);
    }
  }

  async function preview() {
    setMessage(null);
    try {
      const { changes } = (await call({ mode: "preview", spec })) as { changes: Change[] };
      setChanges(changes);
      if (!changes.length) setMessage(t("noMatch"));
    } catch (e) {
      setChanges(null);
      setMessage((e as Error).message);
    }
  }

  async function apply() {
    if (!changes) return;
    try {
      const segments = changes.filter((c) => !c.skipReason).map((c) => ({ segmentId: c.segmentId, version: c.version }));
      const result = (await call({ mode: "apply", spec, segments, jobId: job.begin() }).finally(job.end)) as {
        applied: Pick<EditorSegment, "id" | "target" | "status" | "version">[];
        skipped: ({ position: number } & CodedReason)[];
      };
      props.onApplied(result.applied);
      setChanges(null);
      const skipped = result.skipped.map((s) => t("skippedOne", { number: s.position + 1, reason: reasonText(s) })).join(t("listSeparator"));
      setMessage(t("replaced", { count: result.applied.length }) + (result.skipped.length ? t("skipped", { list: skipped }) : ""));
    } catch (e) {
      setMessage((e as Error).message);
    }
  }

  const applicable = changes?.filter((c) => !c.skipReason).length ?? 0;
  return (
    <section className={styles.replacePanel} aria-label={t("label")}>
      <form
        className={styles.replaceForm}
        onSubmit={(e) => {
          e.preventDefault();
          void preview();
        }}
      >
        <label htmlFor={ids.find}>{t("find")}</label>
        <input id={ids.find} value={spec.find} onChange={(e) => setSpec({ ...spec, find: e.target.value })} autoFocus />
        <label htmlFor={ids.replace}>{t("replaceWith")}</label>
        <input id={ids.replace} value={spec.replace} onChange={(e) => setSpec({ ...spec, replace: e.target.value })} />
        <label>
          <input type="checkbox" checked={spec.regex} onChange={(e) => setSpec({ ...spec, regex: e.target.checked })} /> {t("regex")}
        </label>
        <label>
          <input type="checkbox" checked={spec.matchCase} onChange={(e) => setSpec({ ...spec, matchCase: e.target.checked })} /> {t("matchCase")}
        </label>
        <button type="submit" disabled={busy || !spec.find}>
          {t("preview")}
        </button>
        <button type="button" onClick={props.onClose}>
          {t("close")}
        </button>
      </form>
      {message && (
        <p role="status" className={styles.replaceMessage}>
          {message}
        </p>
      )}
      {changes && changes.length > 0 && (
        <>
          <ol className={styles.replaceList} data-testid="replace-preview">
            {changes.map((c) => (
              <li key={c.segmentId} data-skipped={c.skipReason ? "true" : "false"}>
                <span className={styles.number}>#{c.position + 1}</span> <InlineDiff before={c.before} after={c.after} lang={props.targetLang} />
                {c.skipReason && <em className={styles.readOnlyNote}>{t("willSkip", { reason: reasonText(c.skipReason) })}</em>}
              </li>
            ))}
          </ol>
          <button type="button" className={styles.replaceApply} disabled={busy || applicable === 0} onClick={() => void apply()}>
            {t("apply", { count: applicable })}

          </button>
        </>
      )}
      <JobProgressBar progress={job.progress} running={job.running} label={t("replacing")} />
    </section>
  );
}
