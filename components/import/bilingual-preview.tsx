"use client";

import { useState, useTransition } from "react";
import type { PreviewResult } from "@/app/projects/[projectId]/import/actions";
import { ui } from "@/components/ui/page-header";
import { statusLabel } from "@/lib/review/segment-status";
import styles from "./import.module.css";

type Preview = Extract<PreviewResult, { ok: true; kind: "bilingual" }>;

/** A bilingual file's units at a glance, a title, and Create. */
export function BilingualPreview(props: {
  projectId: string;
  preview: Preview;
  file: File;
  create: (formData: FormData) => Promise<{ ok: false; error: string; status?: number }>;
  onBack: () => void;
}) {
  const { preview } = props;
  const [title, setTitle] = useState(preview.suggestedTitle);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const label = statusLabel;
  return (
    <section className={`${ui.card} ${ui.padded}`} aria-label="Bilingual file">
      <p data-testid="bilingual-summary">
        <strong>{preview.fileName}</strong> ({preview.format.toUpperCase()}): {preview.unitCount.toLocaleString("en")} segments, {preview.translated.toLocaleString("en")} with an English
        translation — {Object.entries(preview.statusCounts).map(([s, n]) => `${label(s)} ${n}`).join(", ")}.
      </p>
      <table className={ui.table} aria-label="First segments">
        <thead>
          <tr>
            <th>Chinese</th>
            <th>English</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {preview.sample.map((u, i) => (
            <tr key={i}>
              <td lang="zh-CN">{u.source}</td>
              <td lang="en">{u.target}</td>
              <td>{label(u.status || (u.target ? "translated" : "untranslated"))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className={styles.field}>
        <span>Document title</span>
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="button" className={ui.button} onClick={props.onBack}>
          Back
        </button>
        <button
          type="button"
          className={`${ui.button} ${ui.primary}`}
          disabled={pending || !title.trim()}
          onClick={() =>
            startTransition(async () => {
              const form = new FormData();
              form.set("projectId", props.projectId);
              form.set("title", title);
              form.set("file", props.file);
              const result = await props.create(form);
              setError(result.error);
            })
          }
        >
          {pending ? "Creating…" : `Create document (${preview.unitCount.toLocaleString("en")} segments)`}
        </button>
      </div>
    </section>
  );
}
