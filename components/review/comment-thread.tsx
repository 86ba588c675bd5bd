"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useFormat } from "@/lib/i18n/use-format";
import type { CommentView } from "@/lib/review/comments";
import { MentionTextarea } from "./mention-textarea";
import styles from "./comments.module.css";

/**
 * The Markdown renderer (react-markdown and its parser, ~110 KB of script) is fetched with the
 * first thread opened, not with the editor that holds the thread: most visits open none, and on a
 * first visit to a large document the editor's startup competes for the processor with its
 * loading (issue 18). Asked for alongside the thread's comments, so they show formatted at once.
 */
type MarkdownModule = typeof import("./comment-markdown");
let markdownModule: MarkdownModule | null = null;
let markdownLoading: Promise<MarkdownModule | null> | null = null;
function loadMarkdown(): Promise<MarkdownModule | null> {
  markdownLoading ??= import("./comment-markdown").then(
    (m) => (markdownModule = m),
    () => {
      // Not fetched (offline): the bodies show as plain text; the next thread asks again.
      markdownLoading = null;
      return null;
    },
  );
  return markdownLoading;
}

function CommentBody({ body, markdown }: { body: string; markdown: MarkdownModule | null }) {
  return markdown ? <markdown.CommentMarkdown body={body} /> : <p>{body}</p>;
}

export interface Member {
  name: string;
}

/**
 * A segment's comment thread: Markdown rendered safely (comment-markdown.tsx: raw HTML shown as
 * text, images as links, nothing fetched), @mentions of members, issues that block approval until resolved.
 */
export function CommentThread(props: {
  segmentId: string;
  userId: string;
  members: Member[];
  onCounts: (comments: number, openIssues: number) => void;
}) {
  const t = useTranslations("comments");
  const tCommon = useTranslations("common");
  const f = useFormat();
  const [comments, setComments] = useState<CommentView[] | null>(null);
  const [markdown, setMarkdown] = useState<MarkdownModule | null>(markdownModule);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [isIssue, setIsIssue] = useState(false);
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const issueId = useId();
  const onCounts = useRef(props.onCounts);
  onCounts.current = props.onCounts;

  /** A comment sent, edited or resolved answered with the thread as it is now. */
  const answeredBySend = useRef(false);

  const apply = (list: CommentView[]) => {
    setComments(list);
    onCounts.current(list.length, list.filter((c) => c.isIssue && !c.resolvedAt).length);
  };

  useEffect(() => {
    let cancelled = false;
    const rendererLoad = loadMarkdown();
    fetch(`/api/segments/${props.segmentId}/comments`)
      .then((r) => r.json())
      .then(async (b: { comments?: CommentView[]; error?: string }) => {
        const renderer = await rendererLoad;
        if (cancelled) return;
        setMarkdown(renderer);
        // A comment sent while this was loading (or waiting for the renderer) answered with a newer list.
        if (answeredBySend.current) return;
        if (b.comments) apply(b.comments);
        else setError(b.error ?? t("loadFailed"));
      })
      .catch(() => !cancelled && setError(t("loadFailedOffline")));
    return () => {
      cancelled = true;
    };
  }, [props.segmentId, t]);

  async function send(url: string, method: string, body: object) {
    setError(null);
    const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    const json = (await response?.json().catch(() => ({}))) as { comments?: CommentView[]; error?: string };
    if (response?.ok && json.comments) {
      answeredBySend.current = true;
      apply(json.comments);
      return true;
    }
    setError(json?.error ?? t("failed"));
    return false;
  }

  async function post() {
    if (await send(`/api/segments/${props.segmentId}/comments`, "POST", { body: draft, isIssue })) {
      setDraft("");
      setIsIssue(false);
    }
  }

  return (
    <section className={styles.thread} aria-label={t("label")}>
      {comments === null && !error && <p className={styles.muted}>{t("loading")}</p>}
      {comments?.length === 0 && <p className={styles.muted}>{t("none")}</p>}
      <ol className={styles.list}>
        {comments?.map((c) => (
          <li key={c.id} className={styles.comment} data-testid="comment" data-issue={c.isIssue} data-resolved={!!c.resolvedAt}>
            <div className={styles.meta}>
              <strong>{c.authorName ?? tCommon("formerMember")}</strong>
              <time dateTime={c.createdAt}>{f.dateTime(c.createdAt)}</time>
              {c.edited && <span>{t("edited")}</span>}
              {c.isIssue && (
                <span className={c.resolvedAt ? styles.resolved : styles.issue}>
                  {c.resolvedAt ? (c.resolvedByName ? t("resolvedBy", { name: c.resolvedByName }) : t("resolved")) : t("openIssue")}
                </span>
              )}
            </div>
            {editing?.id === c.id ? (
              <div className={styles.editBox}>
                <MentionTextarea label={t("editLabel")} value={editing.body} onChange={(body) => setEditing({ id: c.id, body })} members={props.members} />
                <div className={styles.actions}>
                  <button type="button" onClick={async () => (await send(`/api/comments/${c.id}`, "PATCH", { op: "edit", body: editing.body })) && setEditing(null)}>
                    {t("save")}
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    {t("cancel")}
                  </button>
                </div>
              </div>
            ) : (
              <div className={styles.body}>
                <CommentBody body={c.body} markdown={markdown} />
              </div>
            )}
            <div className={styles.actions}>
              {c.isIssue && (
                <button type="button" onClick={() => void send(`/api/comments/${c.id}`, "PATCH", { op: c.resolvedAt ? "reopen" : "resolve" })}>
                  {c.resolvedAt ? t("reopen") : t("resolve")}
                </button>
              )}
              {c.authorId === props.userId && editing?.id !== c.id && (
                <>
                  <button type="button" onClick={() => setEditing({ id: c.id, body: c.body })}>
                    {t("edit")}
                  </button>
                  <button type="button" onClick={() => window.confirm(t("confirmDelete")) && void send(`/api/comments/${c.id}`, "PATCH", { op: "delete" })}>
                    {t("delete")}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
      <div className={styles.form}>
        <MentionTextarea label={t("addLabel")} value={draft} onChange={setDraft} members={props.members} onSubmit={() => draft.trim() && void post()} />
        <div className={styles.actions}>
          <input id={issueId} type="checkbox" checked={isIssue} onChange={(e) => setIsIssue(e.target.checked)} />
          <label htmlFor={issueId}>{t("markIssue")}</label>
          <button type="button" onClick={() => void post()} disabled={!draft.trim()}>
            {t("comment")}

          </button>
        </div>
      </div>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </section>
  );
}
