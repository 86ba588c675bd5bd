"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import type { PreviewResult } from "@/lib/documents/import-preview";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useUploadLimitMessages } from "@/components/ui/upload-limit";
import styles from "./import.module.css";

type Preview = Extract<PreviewResult, { ok: true }>;
type Mode = "paste" | "file";

export function ImportSourceForm(props: {
  projectId: string;
  maxUploadBytes: number;
  analyse: (formData: FormData) => Promise<PreviewResult>;
  onAnalysed: (preview: Preview, file: File | null) => void;
}) {
  const t = useTranslations("import");
  const upload = useUploadLimitMessages();
  const [mode, setMode] = useState<Mode>("paste");
  // What each panel holds, so the one not shown is never dropped without a word.
  const [chosenFile, setChosenFile] = useState<string | null>(null);
  const [hasText, setHasText] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const ids = { text: useId(), file: useId(), error: useId(), tab: useId() };
  const limitMb = Math.round(props.maxUploadBytes / 1024 / 1024);

  function submit(formData: FormData) {
    setError(null);
    const file = formData.get("file");
    const fileChosen = file instanceof File && file.size + file.name.length > 0;
    const textGiven = String(formData.get("text") ?? "").trim() !== "";
    // The shown panel is empty but the other holds something: use that, and show its tab.
    let use = mode;
    if (mode === "paste" && !textGiven && fileChosen) use = "file";
    if (mode === "file" && !fileChosen && textGiven) use = "paste";
    if (use !== mode) setMode(use);
    if (use === "file") {
      if (!(file instanceof File) || !fileChosen) return setError(t("source.chooseFile"));
      if (file.size === 0) return setError(t("source.empty", { name: file.name }));
      // Checked here for a quick answer; the server checks again.
      const oversize = upload.oversize(file, props.maxUploadBytes);
      if (oversize) return setError(oversize);
      formData.delete("text");
    } else {
      formData.delete("file");
      if (!String(formData.get("text") ?? "").trim()) return setError(t("source.pasteSomething"));
    }
    startTransition(async () => {
      const result = await props.analyse(formData).catch((): PreviewResult => ({ ok: false, error: upload.failed(props.maxUploadBytes) }));
      if (result.ok) props.onAnalysed(result, use === "file" && file instanceof File ? file : null);
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
            id={`${ids.tab}-${m}`}
            type="button"
            role="tab"
            aria-selected={mode === m}
            aria-controls={`${ids.tab}-${m}-panel`}
            tabIndex={mode === m ? 0 : -1}
            className={mode === m ? styles.tabActive : styles.tab}
            onClick={() => setMode(m)}
            onKeyDown={(e) => {
              // The WAI-ARIA tabs pattern: arrow keys move between tabs.
              if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
              const next = m === "paste" ? "file" : "paste";
              setMode(next);
              document.getElementById(`${ids.tab}-${next}`)?.focus();
            }}
          >
            {m === "paste" ? t("source.paste") : t("source.upload")}
          </button>
        ))}
      </div>
      {/* Both panels stay mounted so switching tabs keeps what was pasted or chosen. */}
      <div className={styles.field} hidden={mode !== "paste"} role="tabpanel" id={`${ids.tab}-paste-panel`} aria-labelledby={`${ids.tab}-paste`}>
          <label htmlFor={ids.text}>{t("source.text")}</label>
          <textarea
            id={ids.text}
            name="text"
            rows={14}
            lang="zh-CN"
            className={styles.textarea}
            placeholder={t("source.placeholder")}
            onChange={(e) => setHasText(e.target.value.trim() !== "")}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) formRef.current?.requestSubmit();
            }}
          />
          <p className={styles.hint}>{t.rich("source.textHelp", { kbd: (chunks) => <kbd>{chunks}</kbd> })}</p>
      </div>
      <div className={styles.field} hidden={mode !== "file"} role="tabpanel" id={`${ids.tab}-file-panel`} aria-labelledby={`${ids.tab}-file`}>
          <label htmlFor={ids.file}>{t("source.file", { limit: limitMb })}</label>
          <input id={ids.file} name="file" type="file" accept=".txt,.text,.md,.markdown,.docx,.xlf,.xliff,.tmx,.csv,.xlsx,text/plain,text/markdown"
            onChange={(e) => {
              setChosenFile(e.target.files?.[0]?.name ?? null);
              // Choosing a file means importing it: show its panel even if it was chosen from elsewhere.
              if (e.target.files?.length) setMode("file");
            }}
          />
          <p className={styles.hint}>{t("source.fileHelp")}</p>
      </div>
      {error && (
        <p id={ids.error} role="alert" className={styles.error}>
          {error}
        </p>
      )}
      {mode === "paste" && hasText && chosenFile && (
        <p className={styles.hint} data-testid="other-source">
          {t("source.otherFile", { file: chosenFile })}
        </p>
      )}
      {mode === "file" && chosenFile && hasText && (
        <p className={styles.hint} data-testid="other-source">
          {t("source.otherText", { file: chosenFile })}
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
