"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { deleteTermAction, saveTermAction } from "@/app/projects/[projectId]/glossary/actions";
import { FileImportForm } from "@/components/ui/file-import-form";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { GlossaryEntry } from "@/lib/glossary/term-check";

type TermFields = { source: string; target: string; note: string; forbidden: boolean };
const EMPTY: TermFields = { source: "", target: "", note: "", forbidden: false };

/** The glossary table with add/edit/delete and file import, for owners and reviewers. */
export function GlossaryEditor({ projectId, terms, canEdit, maxUploadBytes }: { projectId: string; terms: GlossaryEntry[]; canEdit: boolean; maxUploadBytes: number }) {
  const t = useTranslations("glossary");
  const router = useRouter();
  const hydrated = useHydrated();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<TermFields>({ defaultValues: EMPTY });

  const onSubmit = handleSubmit(async (fields) => {
    const result = await saveTermAction({ projectId, id: editing ?? undefined, ...fields });
    if (!result.ok) return setMessage({ ok: false, text: result.error });
    setMessage({ ok: true, text: editing ? t("updated") : t("added", { term: fields.source || fields.target }) });
    setEditing(null);
    reset(EMPTY);
    router.refresh();
  });

  return (
    <>
      {canEdit && (
        <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16, display: "flex", gap: 24, flexWrap: "wrap" }}>
          <form onSubmit={onSubmit} style={{ display: "flex", gap: 8, alignItems: "end", flexWrap: "wrap" }} aria-label={editing ? t("editTerm") : t("addTermLabel")}>
            <label>
              {t("source")}
              <br />
              <input lang="zh-CN" {...register("source", { maxLength: 200 })} />
            </label>
            <label>
              {t("target")}
              <br />
              <input {...register("target", { required: t("targetRequired"), maxLength: 200 })} />
            </label>
            <label>
              {t("note")}
              <br />
              <input {...register("note", { maxLength: 500 })} />
            </label>
            <label>
              <input type="checkbox" {...register("forbidden")} /> {t("forbidden")}
            </label>
            <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || formState.isSubmitting}>
              {editing ? t("saveTerm") : t("addTerm")}
            </button>
            {editing && (
              <button type="button" className={ui.button} onClick={() => (setEditing(null), reset(EMPTY))}>
                {t("cancel")}
              </button>
            )}
          </form>
          <FileImportForm
            label={t("importFile")}
            accept=".csv,.tbx,.xml"
            url={`/api/projects/${projectId}/glossary/import`}
            maxUploadBytes={maxUploadBytes}
            describe={(r) => t("imported", { added: r.added, skipped: r.skipped })}
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
          <p className={ui.empty}>{t("empty")}</p>
        ) : (
          <table className={ui.table} aria-label={t("table")}>
            <thead>
              <tr>
                <th>{t("source")}</th>
                <th>{t("target")}</th>
                <th>{t("note")}</th>
                <th>{t("forbidden")}</th>
                {canEdit && <th />}
              </tr>
            </thead>
            <tbody>
              {terms.map((term) => (
                <tr key={term.id}>
                  <td lang="zh-CN">{term.source || <em>{t("anywhere")}</em>}</td>
                  <td>{term.target}</td>
                  <td>{term.note}</td>
                  <td>{term.forbidden ? t("forbidden") : ""}</td>
                  {canEdit && (
                    <td style={{ whiteSpace: "nowrap" }}>
                      <button type="button" className={ui.button} onClick={() => (setEditing(term.id), reset({ source: term.source, target: term.target, note: term.note, forbidden: term.forbidden }))}>
                        {t("edit")}
                      </button>{" "}
                      <button
                        type="button"
                        className={ui.button}
                        onClick={async () => {
                          const result = await deleteTermAction({ projectId, id: term.id });
                          setMessage(result.ok ? { ok: true, text: t("deleted", { term: term.source || term.target }) } : { ok: false, text: result.error });
                          router.refresh();
                        }}
                      >
                        {t("delete")}
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
