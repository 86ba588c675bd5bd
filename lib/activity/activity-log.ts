import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The activity log of a project or a document: who did what, when. Text edits are read from the
 * revisions themselves (the record of every save), everything else from ActivityEvent, merged
 * in one query so that filtering and paging work across both. Saves therefore write nothing
 * extra on the hot path.
 */
export { ACTIVITY_GROUPS, isActivityGroup, type ActivityGroup } from "./activity-groups";
import { ACTIVITY_GROUPS, type ActivityGroup } from "./activity-groups";

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
  /** Null for the system, and for a member whose account is gone (then `actorGone`). */
  actorName: string | null;
  actorGone: boolean;
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
      actorName: r.actorId ? (userName.get(r.actorId) ?? null) : null,
      actorGone: !!r.actorId && !userName.has(r.actorId),
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
