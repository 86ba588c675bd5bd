"use client";

import { useState } from "react";
import type { CreateInput, PreviewResult } from "@/app/projects/[projectId]/import/actions";
import { ImportPreview } from "./import-preview";
import { ImportSourceForm } from "./import-source-form";

type Preview = Extract<PreviewResult, { ok: true }>;

/** Two steps: give the text (paste or upload), then review kinds and page-break joins and create. */
export function ImportWizard(props: {
  projectId: string;
  maxUploadBytes: number;
  preview: (formData: FormData) => Promise<PreviewResult>;
  create: (input: CreateInput) => Promise<{ ok: false; error: string; status?: number }>;
}) {
  const [preview, setPreview] = useState<Preview | null>(null);
  if (!preview) {
    return <ImportSourceForm projectId={props.projectId} maxUploadBytes={props.maxUploadBytes} analyse={props.preview} onAnalysed={setPreview} />;
  }
  return <ImportPreview projectId={props.projectId} preview={preview} create={props.create} onBack={() => setPreview(null)} />;
}
