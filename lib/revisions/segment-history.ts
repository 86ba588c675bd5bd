import { CodedError, type ErrorCode } from "@/lib/http/coded-error";
import { prisma } from "@/lib/db";
import { type SaveOutcome, saveTranslation } from "./save-translation";

export interface HistoryRevision {
  type: "revision";
  id: string;
  version: number;
  /** import | edit | status | restore | join | split | source */
  kind: string;
  source: string;
  target: string;
  status: string;
  note: string | null;
  /** null: made by the system, or — `formerAuthor` — by an account that is gone (the page names both). */
  authorName: string | null;
  formerAuthor: boolean;
  authorRole: string | null;
  at: string;
}

export interface HistoryComment {
  type: "comment" | "comment_resolved";
  id: string;
  /** null: the account is gone (the page says "Former member"). */
  authorName: string | null;
  body: string;
  isIssue: boolean;
  at: string;
}

export type HistoryEntry = HistoryRevision | HistoryComment;

/**
 * One segment's whole story, oldest first: every revision (text edits, status changes,
 * restores, joins, splits, source corrections) and every comment and resolution, in one
 * timeline. Two queries, however long the history.
 */
export async function segmentHistory(segmentId: string): Promise<HistoryEntry[]> {
  const [revisions, comments] = await Promise.all([
    prisma.revision.findMany({ where: { segmentId }, orderBy: { version: "asc" }, include: { author: { select: { name: true } } } }),
    prisma.comment.findMany({
      where: { segmentId, deletedAt: null },
      orderBy: { createdAt: "asc" },
      include: { author: { select: { name: true } }, resolvedBy: { select: { name: true } } },
    }),
  ]);
  const entries: HistoryEntry[] = revisions.map((r) => ({
    type: "revision",
    id: r.id,
    version: r.version,
    kind: r.kind,
    source: r.source,
    target: r.target,
    status: r.status,
    note: r.note,
    authorName: r.author?.name ?? null,
    formerAuthor: !r.author && r.authorId !== null,
    authorRole: r.authorRole,
    at: r.createdAt.toISOString(),
  }));
  for (const c of comments) {
    entries.push({ type: "comment", id: c.id, authorName: c.author?.name ?? null, body: c.body, isIssue: c.isIssue, at: c.createdAt.toISOString() });
    if (c.resolvedAt) {
      entries.push({ type: "comment_resolved", id: `${c.id}:resolved`, authorName: c.resolvedBy?.name ?? null, body: c.body, isIssue: c.isIssue, at: c.resolvedAt.toISOString() });
    }
  }
  // Stable: revisions keep version order among equal times, comments follow the revision they answer.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at.localeCompare(y.e.at) || x.i - y.i)
    .map(({ e }) => e);
}

/** A restore that cannot be made: a coded refusal (404: not this segment's revision). */
export class RestoreRefused extends CodedError {
  constructor(code: ErrorCode) {
    super(code, 404);
    this.name = "RestoreRefused";
  }
}

/**
 * Brings back the English text of an older revision as a new "restore" revision. It is an edit
 * like any other: version-checked against what the user saw, and subject to the review rules
 * (restoring over an approved text sends the segment back to translated).
 */
export async function restoreRevision(input: { segmentId: string; revisionId: string; baseVersion: number; actorId: string; actorRole?: string }): Promise<SaveOutcome> {
  const revision = await prisma.revision.findUnique({ where: { id: input.revisionId } });
  if (!revision || revision.segmentId !== input.segmentId) throw new RestoreRefused("revision-not-in-history");
  return saveTranslation({
    segmentId: input.segmentId,
    target: revision.target,
    baseVersion: input.baseVersion,
    confirm: false,
    actorId: input.actorId,
    actorRole: input.actorRole,
    restoredFrom: { version: revision.version },
  });
}
