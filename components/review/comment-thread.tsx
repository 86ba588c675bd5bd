"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { CommentView } from "@/lib/review/comments";
import { MentionTextarea } from "./mention-textarea";
import styles from "./comments.module.css";
import { CommentMarkdown } from "./comment-markdown";

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
  const [comments, setComments] = useState<CommentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [isIssue, setIsIssue] = useState(false);
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const issueId = useId();
  const onCounts = useRef(props.onCounts);
  onCounts.current = props.onCounts;

  const apply = (list: CommentView[]) => {
    setComments(list);
    onCounts.current(list.length, list.filter((c) => c.isIssue && !c.resolvedAt).length);
  };

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/segments/${props.segmentId}/comments`)
      .then((r) => r.json())
      .then((b: { comments?: CommentView[]; error?: string }) => {
        if (cancelled) return;
        if (b.comments) apply(b.comments);
        else setError(b.error ?? "Could not load the comments.");
      })
      .catch(() => !cancelled && setError("Could not load the comments (offline?)."));
    return () => {
      cancelled = true;
    };
  }, [props.segmentId]);

  async function send(url: string, method: string, body: object) {
    setError(null);
    const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    const json = (await response?.json().catch(() => ({}))) as { comments?: CommentView[]; error?: string };
    if (response?.ok && json.comments) {
      apply(json.comments);
      return true;
    }
    setError(json?.error ?? "That did not work; your text is still here.");
    return false;
  }

  async function post() {
    if (await send(`/api/segments/${props.segmentId}/comments`, "POST", { body: draft, isIssue })) {
      setDraft("");
      setIsIssue(false);
    }
  }

  return (
    <section className={styles.thread} aria-label="Comments">
      {comments === null && !error && <p className={styles.muted}>Loading comments…</p>}
      {comments?.length === 0 && <p className={styles.muted}>No comments yet.</p>}
      <ol className={styles.list}>
        {comments?.map((c) => (
          <li key={c.id} className={styles.comment} data-testid="comment" data-issue={c.isIssue} data-resolved={!!c.resolvedAt}>
            <div className={styles.meta}>
              <strong>{c.authorName}</strong>
              <time dateTime={c.createdAt}>{new Date(c.createdAt).toLocaleString()}</time>
              {c.edited && <span>(edited)</span>}
              {c.isIssue && <span className={c.resolvedAt ? styles.resolved : styles.issue}>{c.resolvedAt ? `Issue resolved by ${c.resolvedByName ?? "someone"}` : "Open issue"}</span>}
            </div>
            {editing?.id === c.id ? (
              <div className={styles.editBox}>
                <MentionTextarea label="Edit comment" value={editing.body} onChange={(body) => setEditing({ id: c.id, body })} members={props.members} />
                <div className={styles.actions}>
                  <button type="button" onClick={async () => (await send(`/api/comments/${c.id}`, "PATCH", { op: "edit", body: editing.body })) && setEditing(null)}>
                    Save
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <div className={styles.body}>
                <CommentMarkdown body={c.body} />
              </div>
            )}
            <div className={styles.actions}>
              {c.isIssue && (
                <button type="button" onClick={() => void send(`/api/comments/${c.id}`, "PATCH", { op: c.resolvedAt ? "reopen" : "resolve" })}>
                  {c.resolvedAt ? "Reopen" : "Resolve"}
                </button>
              )}
              {c.authorId === props.userId && editing?.id !== c.id && (
                <>
                  <button type="button" onClick={() => setEditing({ id: c.id, body: c.body })}>
                    Edit
                  </button>
                  <button type="button" onClick={() => window.confirm("Delete this comment?") && void send(`/api/comments/${c.id}`, "PATCH", { op: "delete" })}>
                    Delete
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
      <div className={styles.form}>
        <MentionTextarea label="Add a comment (Markdown, @ to mention)" value={draft} onChange={setDraft} members={props.members} onSubmit={() => draft.trim() && void post()} />
        <div className={styles.actions}>
          <input id={issueId} type="checkbox" checked={isIssue} onChange={(e) => setIsIssue(e.target.checked)} />
          <label htmlFor={issueId}>Mark as issue (blocks approval until resolved)</label>
          <button type="button" onClick={() => void post()} disabled={!draft.trim()}>
            Comment
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
