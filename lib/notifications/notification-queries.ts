import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isNotificationKind, notificationPath, type NotificationBody, type NotificationKind } from "./kinds";

/** One entry of the bell's list and of /notifications, ready to show. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** null: the account is gone or nobody (the page says "Someone"). */
  actorName: string | null;
  body: NotificationBody;
  /** The segment's number now (segments move on join and split); null when gone or none. */
  segmentNumber: number | null;
  href: string;
  createdAt: string;
  read: boolean;
}

export const PAGE_SIZE = 20;

/**
 * What a person may still see: notifications of projects they belong to (a member removed
 * stops seeing what they were told about the project), and invitations (not a member yet).
 */
export function visibleTo(userId: string): Prisma.NotificationWhereInput {
  return { recipientId: userId, OR: [{ kind: "invited" }, { projectId: null }, { project: { memberships: { some: { userId } } } }] };
}

export async function unreadCount(userId: string): Promise<number> {
  return prisma.notification.count({ where: { ...visibleTo(userId), readAt: null } });
}

function parseBody(text: string): NotificationBody {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as NotificationBody) : {};
  } catch {
    return {};
  }
}

/** Rows as views: the segments' current numbers in one query. */
async function views(rows: Prisma.NotificationGetPayload<{ include: { actor: { select: { name: true } } } }>[]): Promise<NotificationView[]> {
  const segmentIds = [...new Set(rows.map((r) => r.segmentId).filter((id): id is string => !!id))];
  const segments = segmentIds.length ? await prisma.segment.findMany({ where: { id: { in: segmentIds } }, select: { id: true, position: true, removedAt: true } }) : [];
  const numberOf = new Map(segments.map((s) => [s.id, s.removedAt ? null : s.position + 1]));
  return rows
    .filter((r) => isNotificationKind(r.kind))
    .map((r) => {
      const body = parseBody(r.body);
      const segmentNumber = r.segmentId ? (numberOf.get(r.segmentId) ?? null) : null;
      return {
        id: r.id,
        kind: r.kind as NotificationKind,
        actorName: r.actor?.name ?? null,
        body,
        segmentNumber,
        href: notificationPath({ kind: r.kind, projectId: r.projectId, documentId: r.documentId, segmentNumber, body }),
        createdAt: r.createdAt.toISOString(),
        read: r.readAt !== null,
      };
    });
}

/**
 * A page of a person's notifications, newest first. `before`: the id of the last one of the
 * previous page (ids are time-ordered), so paging holds while new ones arrive.
 */
export async function listNotifications(userId: string, options: { before?: string | null; take?: number; unreadOnly?: boolean } = {}) {
  const take = Math.min(Math.max(options.take ?? PAGE_SIZE, 1), 100);
  const rows = await prisma.notification.findMany({
    where: { ...visibleTo(userId), ...(options.before ? { id: { lt: options.before } } : {}), ...(options.unreadOnly ? { readAt: null } : {}) },
    orderBy: { id: "desc" },
    take: take + 1,
    include: { actor: { select: { name: true } } },
  });
  const items = await views(rows.slice(0, take));
  return { items, nextBefore: rows.length > take ? (items.at(-1)?.id ?? null) : null };
}

/** Marks the person's notifications read: the given ones, or all. Others' ids are ignored. */
export async function markRead(userId: string, which: { ids: string[] } | "all"): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { recipientId: userId, readAt: null, ...(which === "all" ? {} : { id: { in: which.ids } }) },
    data: { readAt: new Date() },
  });
  return count;
}
