"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { deleteTermAction, importGlossaryAction, saveTermAction } from "@/app/projects/[projectId]/glossary/actions";
import { FileImportForm } from "@/components/ui/file-import-form";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { GlossaryEntry } from "@/lib/glossary/term-check";

type TermFields = { source: string; target: string; note: string; forbidden: boolean };
const EMPTY: TermFields = { source: "", target: "", note: "", forbidden: false };

/** The glossary table with add/edit/delete and file import, for owners and reviewers. */
export function GlossaryEditor({ projectId, terms, canEdit, maxUploadBytes }: { projectId: string; terms: GlossaryEntry[]; canEdit: boolean; maxUploadBytes: number }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<TermFields>({ defaultValues: EMPTY });

  const onSubmit = handleSubmit(async (fields) => {
    const result = await saveTermAction({ projectId, id: editing ?? undefined, ...fields });
    if (!result.ok) return setMessage({ ok: false, text: result.error });
    setMessage({ ok: true, text: editing ? "Term updated." : `Added “${fields.source || fields.target}”.` });
    setEditing(null);
    reset(EMPTY);
    router.refresh();
  });

  return (
    <>
      {canEdit && (
        <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16, display: "flex", gap: 24, flexWrap: "wrap" }}>
          <form onSubmit={onSubmit} style={{ display: "flex", gap: 8, alignItems: "end", flexWrap: "wrap" }} aria-label={editing ? "Edit term" : "Add a term"}>
            <label>
              Chinese
              <br />
              <input lang="zh-CN" {...register("source", { maxLength: 200 })} />
            </label>
            <label>
              English
              <br />
              <input {...register("target", { required: "The English is needed.", maxLength: 200 })} />
            </label>
            <label>
              Note
              <br />
              <input {...register("note", { maxLength: 500 })} />
            </label>
            <label>
              <input type="checkbox" {...register("forbidden")} /> Forbidden
            </label>
            <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || formState.isSubmitting}>
              {editing ? "Save term" : "Add term"}
            </button>
            {editing && (
              <button type="button" className={ui.button} onClick={() => (setEditing(null), reset(EMPTY))}>
                Cancel
              </button>
            )}
          </form>
          <FileImportForm
            label="Import CSV or TBX"
            accept=".csv,.tbx,.xml"
            projectId={projectId}
            maxUploadBytes={maxUploadBytes}
            action={importGlossaryAction}
            describe={(r) => `Imported ${r.added} terms (${r.skipped} already there).`}
            onMessage={setMessage}
          />
          {formState.errors.target && <p role="alert">{formState.errors.target.message}</p>}
          {message && (
            <p role={message.ok ? "status" : "alert"} style={{ color: message.ok ? "var(--success)" : "var(--danger)", flexBasis: "100%", margin: 0 }}>
              {message.text}
            </p>
          )}
        </section>
      )}
      <section className={ui.card}>
        {terms.length === 0 ? (
          <p className={ui.empty}>No terms yet.</p>
        ) : (
          <table className={ui.table} aria-label="Glossary">
            <thead>
              <tr>
                <th>Chinese</th>
                <th>English</th>
                <th>Note</th>
                <th>Forbidden</th>
                {canEdit && <th />}
              </tr>
            </thead>
            <tbody>
              {terms.map((t) => (
                <tr key={t.id}>
                  <td lang="zh-CN">{t.source || <em>(anywhere)</em>}</td>
                  <td>{t.target}</td>
                  <td>{t.note}</td>
                  <td>{t.forbidden ? "Forbidden" : ""}</td>
                  {canEdit && (
                    <td style={{ whiteSpace: "nowrap" }}>
                      <button type="button" className={ui.button} onClick={() => (setEditing(t.id), reset({ source: t.source, target: t.target, note: t.note, forbidden: t.forbidden }))}>
                        Edit
                      </button>{" "}
                      <button
                        type="button"
                        className={ui.button}
                        onClick={async () => {
                          const result = await deleteTermAction({ projectId, id: t.id });
                          setMessage(result.ok ? { ok: true, text: `Deleted “${t.source || t.target}”.` } : { ok: false, text: result.error });
                          router.refresh();
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
