import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The activity log of a project or a document: who did what, when. Text edits are read from the
 * revisions themselves (the record of every save), everything else from ActivityEvent, merged
 * in one query so that filtering and paging work across both. Saves therefore write nothing
 * extra on the hot path.
 */
export const ACTIVITY_GROUPS = {
  edit: { label: "Edits", types: ["segment.edited", "segment.joined", "segment.split", "segment.restructure_undone", "segment.source_corrected"] },
  status: { label: "Status changes", types: ["segment.status_changed"] },
  comment: { label: "Comments", types: ["comment.added", "comment.edited", "comment.deleted", "comment.resolved", "comment.reopened"] },
  document: { label: "Documents", types: ["document.imported", "document.assigned", "document.signed_off", "document.reopened", "document.exported", "document.translations_imported", "document.pretranslated", "document.version_created"] },
  member: { label: "Members", types: ["project.created", "project.updated", "member.invited", "member.joined", "member.role_changed", "member.removed"] },
} as const;
export type ActivityGroup = keyof typeof ACTIVITY_GROUPS;

export function isActivityGroup(value: string): value is ActivityGroup {
  return Object.hasOwn(ACTIVITY_GROUPS, value);
}

export interface ActivityQuery {
  projectId: string;
  documentId?: string;
  group?: ActivityGroup;
  actorId?: string;
  page?: number;
  pageSize?: number;
}

export interface ActivityItem {
  id: string;
  type: string;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  documentId: string | null;
  documentTitle: string | null;
  segmentId: string | null;
  /** 1-based number of the segment in its document now (null when it was joined away). */
  segmentNumber: number | null;
  data: Record<string, unknown>;
}

interface Row {
  id: string;
  type: string;
  createdAt: string | Date;
  actorId: string | null;
  actorRole: string | null;
  documentId: string | null;
  segmentId: string | null;
  data: string | null;
  revisionVersion: number | bigint | null;
}

export async function listActivity(query: ActivityQuery): Promise<{ items: ActivityItem[]; page: number; hasMore: boolean }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const types = query.group ? ACTIVITY_GROUPS[query.group].types : null;
  const wantEdits = !types || (types as readonly string[]).includes("segment.edited");
  const scope = (alias: string) =>
    query.documentId ? Prisma.sql`${Prisma.raw(alias)}."documentId" = ${query.documentId}` : Prisma.sql`d."projectId" = ${query.projectId}`;
  const actor = (column: string) => (query.actorId ? Prisma.sql`AND ${Prisma.raw(column)} = ${query.actorId}` : Prisma.empty);
  const typeFilter = types ? Prisma.sql`AND e."type" IN (${Prisma.join(types as readonly string[])})` : Prisma.empty;
  const eventScope = query.documentId ? Prisma.sql`e."documentId" = ${query.documentId}` : Prisma.sql`e."projectId" = ${query.projectId}`;

  const edits = Prisma.sql`
    SELECT r."id", 'segment.edited' AS "type", r."createdAt", r."authorId" AS "actorId", r."authorRole" AS "actorRole",
           r."documentId", r."segmentId", NULL AS "data", r."version" AS "revisionVersion"
    FROM "Revision" r JOIN "Document" d ON d."id" = r."documentId"
    WHERE ${scope("r")} AND r."kind" IN ('edit', 'restore') ${actor('r."authorId"')}`;
  const events = Prisma.sql`
    SELECT e."id", e."type", e."createdAt", e."actorId", NULL AS "actorRole", e."documentId", e."segmentId", e."data", NULL AS "revisionVersion"
    FROM "ActivityEvent" e
    WHERE ${eventScope} ${typeFilter} ${actor('e."actorId"')}`;
  const union = wantEdits ? (types && types.length === 1 ? edits : Prisma.sql`${edits} UNION ALL ${events}`) : events;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT * FROM (${union}) AS activity
    ORDER BY "createdAt" DESC, "id" DESC
    LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`;

  const hasMore = rows.length > pageSize;
  const pageRows = rows.slice(0, pageSize);
  const actorIds = [...new Set(pageRows.map((r) => r.actorId).filter((id): id is string => !!id))];
  const documentIds = [...new Set(pageRows.map((r) => r.documentId).filter((id): id is string => !!id))];
  const segmentIds = [...new Set(pageRows.map((r) => r.segmentId).filter((id): id is string => !!id))];
  const [users, documents, segments] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }),
    prisma.document.findMany({ where: { id: { in: documentIds } }, select: { id: true, title: true } }),
    prisma.segment.findMany({ where: { id: { in: segmentIds } }, select: { id: true, position: true, removedAt: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const title = new Map(documents.map((d) => [d.id, d.title]));
  const segmentNumber = new Map(segments.map((s) => [s.id, s.removedAt ? null : s.position + 1]));
  const items = pageRows.map((r): ActivityItem => {
    let data: Record<string, unknown> = {};
    if (r.data) {
      try {
        data = JSON.parse(r.data) as Record<string, unknown>;
      } catch {
        data = {};
      }
    }
    if (r.revisionVersion !== null) data = { ...data, version: Number(r.revisionVersion) };
    return {
      id: r.id,
      type: r.type,
      at: new Date(r.createdAt).toISOString(),
      actorName: r.actorId ? (userName.get(r.actorId) ?? "Former member") : null,
      actorRole: r.actorRole,
      documentId: r.documentId,
      documentTitle: r.documentId ? (title.get(r.documentId) ?? null) : null,
      segmentId: r.segmentId,
      segmentNumber: r.segmentId ? (segmentNumber.get(r.segmentId) ?? null) : null,
      data,
    };
  });
  return { items, page, hasMore };
}

/** One line of plain words for an event (the page adds who, when and links). */
export function describeActivity(item: ActivityItem): string {
  const seg = item.segmentNumber ? `segment #${item.segmentNumber}` : "a segment";
  const d = item.data;
  switch (item.type) {
    case "segment.edited":
      return `edited ${seg}${item.actorRole === "reviewer" ? " (reviewer edit)" : ""}`;
    case "segment.joined":
      return `joined ${seg} with the next`;
    case "segment.split":
      return `split ${seg}`;
    case "segment.restructure_undone":
      return `undid a ${String(d.kind ?? "join or split")} on ${seg}`;
    case "segment.source_corrected":
      return `corrected the Chinese source of ${seg}`;
    case "segment.status_changed":
      return d.transition === "request_changes" ? `requested changes on ${seg}` : `${d.to === "reviewed" ? "reviewed" : "approved"} ${seg}`;
    case "comment.added":
      return `${d.isIssue ? "raised an issue" : "commented"} on ${seg}`;
    case "comment.edited":
      return `edited a comment on ${seg}`;
    case "comment.deleted":
      return `deleted a comment on ${seg}`;
    case "comment.resolved":
      return `resolved a comment on ${seg}`;
    case "comment.reopened":
      return `reopened a comment on ${seg}`;
    case "document.imported":
      return "imported the document";
    case "document.assigned":
      return `assigned the document (translator: ${String(d.translator ?? "nobody")}, reviewer: ${String(d.reviewer ?? "nobody")})`;
    case "document.signed_off":
      return `signed the document off — version “${String(d.label ?? "")}”`;
    case "document.reopened":
      return `reopened the signed-off document by a change to ${seg}`;
    case "document.exported":
      return `exported the document${d.format ? ` as ${String(d.format)}` : ""}`;
    case "document.translations_imported":
      return `applied ${String(d.applied ?? "")} translation${d.applied === 1 ? "" : "s"} from ${String(d.origin ?? "a file")}`;
    case "document.pretranslated":
      return `pre-translated ${String(d.filled ?? 0)} empty segments with ${String(d.provider ?? "machine translation")} (drafts)`;
    case "document.version_created":
      return `made the version “${String(d.label ?? "")}”`;
    case "project.created":
      return "created the project";
    case "project.updated":
      return "changed the project settings";
    case "member.invited":
      return `invited ${String(d.email ?? "someone")} as ${String(d.role ?? "member")}`;
    case "member.joined":
      return `joined as ${String(d.role ?? "member")}`;
    case "member.role_changed":
      return `changed a member's role from ${String(d.from)} to ${String(d.to)}`;
    case "member.removed":
      return "removed a member";
    default:
      return item.type.replace(/[._]/g, " ");
  }
}
