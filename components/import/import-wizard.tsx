"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { CreateInput } from "@/app/projects/[projectId]/import/actions";
import { ui } from "@/components/ui/page-header";
import { postUpload } from "@/components/ui/post-upload";
import type { ImportPreview as PreviewAnswer, PreviewResult } from "@/lib/documents/import-preview";
import { BilingualPreview } from "./bilingual-preview";
import { ImportPreview } from "./import-preview";
import { ImportSourceForm } from "./import-source-form";

type Preview = Extract<PreviewResult, { ok: true }>;

/**
 * Two steps: give the text (paste or upload), then review and create. Source text gets the
 * kinds-and-joins review; a bilingual file a summary of its units; a review table is sent back
 * to its own document.
 */
export function ImportWizard(props: {
  projectId: string;
  maxUploadBytes: number;
  /** Pasted text's preview (a server action); a file's is posted to its upload route. */
  previewText: (formData: FormData) => Promise<PreviewResult>;
  create: (input: CreateInput) => Promise<{ ok: false; error: string; status?: number }>;
}) {
  const t = useTranslations("import");
  const [preview, setPreview] = useState<{ result: Preview; file: File | null } | null>(null);
  if (!preview) {
    const analyse = (formData: FormData): Promise<PreviewResult> => {
      const file = formData.get("file");
      return file instanceof File ? postUpload<PreviewAnswer>(`/api/projects/${props.projectId}/import/preview`, file) : props.previewText(formData);
    };
    return <ImportSourceForm projectId={props.projectId} maxUploadBytes={props.maxUploadBytes} analyse={analyse} onAnalysed={(result, file) => setPreview({ result, file })} />;
  }
  const { result, file } = preview;
  if (result.kind === "source") return <ImportPreview projectId={props.projectId} preview={result} create={props.create} onBack={() => setPreview(null)} />;
  if (result.kind === "bilingual" && file) return <BilingualPreview projectId={props.projectId} preview={result} file={file} maxUploadBytes={props.maxUploadBytes} onBack={() => setPreview(null)} />;
  return (
    <section className={`${ui.card} ${ui.padded}`} role="alert">
      {result.kind === "review-table" && result.documentId ? (
        <p>
          {t.rich("reviewTable.ofDocument", {
            file: result.fileName,
            title: result.documentTitle ?? "",
            doc: (chunks) => (
              <Link href={`/documents/${result.documentId}/reimport`} lang="zh-CN">
                {chunks}
              </Link>
            ),
            page: (chunks) => <Link href={`/documents/${result.documentId}/reimport`}>{chunks}</Link>,
          })}
        </p>
      ) : (
        <p>{t("reviewTable.elsewhere")}</p>
      )}
      <button type="button" className={ui.button} onClick={() => setPreview(null)}>
        {t("back")}
      </button>
    </section>
  );
}
