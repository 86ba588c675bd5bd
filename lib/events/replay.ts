import { prisma } from "@/lib/db";
import { REPLAY_LIMIT, type DocumentEvent, type DocumentEventBody, type ResyncEvent } from "./event-types";

interface StoredRow {
  documentId: string;
  seq: number;
  actorId: string | null;
  body: string;
  createdAt: Date;
}

async function toEvents(rows: StoredRow[]): Promise<DocumentEvent[]> {
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
  const users = actorIds.length ? await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name || u.email]));
  return rows.map((r) => ({
    ...(JSON.parse(r.body) as DocumentEventBody),
    documentId: r.documentId,
    seq: r.seq,
    actor: r.actorId ? { id: r.actorId, name: names.get(r.actorId) ?? "" } : null,
    at: r.createdAt.toISOString(),
  }));
}

const ROW = { documentId: true, seq: true, actorId: true, body: true, createdAt: true } as const;

/** Stored events with after < seq <= upTo, in order (at most `limit`). */
export async function storedEvents(documentId: string, after: number, limit: number, upTo?: number): Promise<DocumentEvent[]> {
  const rows = await prisma.documentEvent.findMany({
    where: { documentId, seq: upTo === undefined ? { gt: after } : { gt: after, lte: upTo } },
    orderBy: { seq: "asc" },
    take: limit,
    select: ROW,
  });
  return toEvents(rows);
}

/** One stored event (a NOTIFY too large to carry it names it). */
export async function storedEvent(documentId: string, seq: number): Promise<DocumentEvent | null> {
  return (await storedEvents(documentId, seq - 1, 1, seq))[0] ?? null;
}

/** The document's last seq (0 before its first event), or null when it does not exist. */
export async function currentSeq(documentId: string): Promise<number | null> {
  const document = await prisma.document.findUnique({ where: { id: documentId }, select: { eventSeq: true } });
  return document ? document.eventSeq : null;
}

// Beyond this many missed events the ids are not worth collecting: the editor reloads everything.
const RESYNC_SCAN_LIMIT = 20_000;

/** The segments events touched (for a resync); null when an event moved segments (join, split) or there are too many. */
function touchedSegments(bodies: DocumentEventBody[]): string[] | null {
  const ids = new Set<string>();
  for (const body of bodies) {
    switch (body.type) {
      case "segments.changed":
        for (const s of body.segments) ids.add(s.id);
        break;
      case "segments.stale":
        for (const id of body.segmentIds) ids.add(id);
        break;
      case "comment.changed":
        ids.add(body.segmentId);
        break;
      case "segments.restructured":
        return null;
      case "document.status":
        break;
    }
  }
  return [...ids];
}

/**
 * What a client that saw events up to `after` is owed: the events since (at most REPLAY_LIMIT),
 * or a resync naming the segments that changed — everything when events it missed were pruned,
 * moved segments, or are too many to list.
 */
export async function catchUp(documentId: string, after: number): Promise<{ events: DocumentEvent[] } | { resync: ResyncEvent }> {
  const seq = await currentSeq(documentId);
  if (seq === null || after === seq) return { events: [] };
  const resync = (segmentIds: string[], all: boolean): { resync: ResyncEvent } => ({ resync: { type: "resync", documentId, seq, segmentIds, all } });
  // Ahead of the database: it lost its last events (a crash of PostgreSQL just after a save
  // committed, before its flush — lib/revisions/pg-durable-commit.ts — or a restored backup), and
  // the seqs after this one will be reused for other events. Everything is read again.
  if (after > seq) return resync([], true);
  const oldest = await prisma.documentEvent.findFirst({ where: { documentId }, orderBy: { seq: "asc" }, select: { seq: true } });
  if (!oldest || oldest.seq > after + 1) return resync([], true);
  if (seq - after <= REPLAY_LIMIT) return { events: await storedEvents(documentId, after, REPLAY_LIMIT, seq) };
  if (seq - after > RESYNC_SCAN_LIMIT) return resync([], true);
  const rows = await prisma.documentEvent.findMany({ where: { documentId, seq: { gt: after, lte: seq } }, select: { body: true } });
  const ids = touchedSegments(rows.map((r) => JSON.parse(r.body) as DocumentEventBody));
  return ids ? resync(ids, false) : resync([], true);
}
