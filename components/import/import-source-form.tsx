"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import type { PreviewResult } from "@/app/projects/[projectId]/import/actions";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { oversizeMessage, uploadFailedMessage } from "@/components/ui/upload-limit";
import styles from "./import.module.css";

type Preview = Extract<PreviewResult, { ok: true }>;

export function ImportSourceForm(props: {
  projectId: string;
  maxUploadBytes: number;
  analyse: (formData: FormData) => Promise<PreviewResult>;
  onAnalysed: (preview: Preview, file: File | null) => void;
}) {
  const t = useTranslations("import");
  const [mode, setMode] = useState<"paste" | "file">("paste");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const ids = { text: useId(), file: useId(), error: useId() };
  const limitMb = Math.round(props.maxUploadBytes / 1024 / 1024);

  function submit(formData: FormData) {
    setError(null);
    const file = formData.get("file");
    if (mode === "file") {
      if (!(file instanceof File) || file.size === 0) return setError(t("source.chooseFile"));
      // Checked here for a quick answer; the server checks again.
      const oversize = oversizeMessage(file, props.maxUploadBytes);
      if (oversize) return setError(oversize);
      formData.delete("text");
    } else {
      formData.delete("file");
      if (!String(formData.get("text") ?? "").trim()) return setError(t("source.pasteSomething"));
    }
    startTransition(async () => {
      const result = await props.analyse(formData).catch((): PreviewResult => ({ ok: false, error: uploadFailedMessage(props.maxUploadBytes) }));
      if (result.ok) props.onAnalysed(result, mode === "file" && file instanceof File ? file : null);
      else setError(result.error);
    });
  }

  return (
    <form
      method="post"
      ref={formRef}
      // onSubmit, not a form action: React resets a form after its action runs, which would
      // throw away the pasted text when the server reports a problem.
      onSubmit={(e) => {
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }}
      className={`${ui.card} ${styles.sourceForm}`} aria-describedby={error ? ids.error : undefined}>
      <input type="hidden" name="projectId" value={props.projectId} />
      <div role="tablist" aria-label={t("source.tabs")} className={styles.tabs}>
        {(["paste", "file"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            className={mode === m ? styles.tabActive : styles.tab}
            onClick={() => setMode(m)}
          >
            {m === "paste" ? t("source.paste") : t("source.upload")}
          </button>
        ))}
      </div>
      {/* Both panels stay mounted so switching tabs keeps what was pasted or chosen. */}
      <div className={styles.field} hidden={mode !== "paste"}>
          <label htmlFor={ids.text}>{t("source.text")}</label>
          <textarea
            id={ids.text}
            name="text"
            rows={14}
            lang="zh-CN"
            className={styles.textarea}
            placeholder={t("source.placeholder")}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) formRef.current?.requestSubmit();
            }}
          />
          <p className={styles.hint}>{t.rich("source.textHelp", { kbd: (chunks) => <kbd>{chunks}</kbd> })}</p>
      </div>
      <div className={styles.field} hidden={mode !== "file"}>
          <label htmlFor={ids.file}>{t("source.file", { limit: limitMb })}</label>
          <input id={ids.file} name="file" type="file" accept=".txt,.text,.md,.markdown,.docx,.xlf,.xliff,.tmx,.csv,.xlsx,text/plain,text/markdown" />
          <p className={styles.hint}>{t("source.fileHelp")}</p>
      </div>
      {error && (
        <p id={ids.error} role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={pending || !hydrated}>
          {pending ? t("source.analysing") : t("source.analyse")}
        </button>
      </div>
    </form>
  );
}
