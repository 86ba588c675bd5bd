import { recordDocumentActivity } from "@/lib/activity/record-activity";
import { prisma } from "@/lib/db";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { CodedError } from "@/lib/http/coded-error";
import { yieldToEventLoop } from "@/lib/jobs/time-slice";
import { compareSnapshots, type Restructuring, type SnapshotSegment } from "./version-compare";
import type { Locale } from "@/lib/i18n/locales";
import { freezeDocument, shownVersion } from "./freeze";
import { nowName, versionName } from "./version-name";

export const MAX_VERSION_LABEL = 120;

export interface VersionSummary {
  id: string;
  /** Its name in the reader's language (lib/versions/version-name.ts). */
  label: string;
  reason: string;
  authorName: string | null;
  createdAt: string;
  segments: number;
}

export async function listVersions(documentId: string, locale: Locale): Promise<VersionSummary[]> {
  const versions = await prisma.documentVersion.findMany({
    where: { documentId, ...shownVersion },
    orderBy: { createdAt: "desc" },
    include: { author: { select: { name: true } }, _count: { select: { segments: true } } },
  });
  return versions.map((v) => ({ id: v.id, label: versionName({ ...v, authorName: v.author?.name ?? null }, locale), reason: v.reason, authorName: v.author?.name ?? null, createdAt: v.createdAt.toISOString(), segments: v._count.segments }));
}

/** A named snapshot made by hand (on SQLite copied in slices, nobody's save waiting on it: lib/versions/freeze.ts). */
export async function createVersion(documentId: string, label: string, actorId: string) {
  const name = label.trim();
  if (!name) throw new CodedError("version-name-required", 409);
  if (name.length > MAX_VERSION_LABEL) throw new CodedError("version-name-too-long", 409, { max: MAX_VERSION_LABEL });
  const { version } = await freezeDocument({ documentId, label: name, reason: "manual", authorId: actorId }, (tx, version) =>
    recordDocumentActivity(tx, { documentId, actorId, type: "document.version_created", data: { versionId: version.id, label: name } }),
  );
  return version;
}

/** "now" or a version id of this document. */
export type SnapshotRef = string;

export interface LoadedSnapshot {
  ref: SnapshotRef;
  label: string;
  at: Date;
  segments: SnapshotSegment[];
}

/** Rows of a snapshot read per query; a turn of the event loop between queries. */
const SNAPSHOT_PAGE = 2_000;

/** All pages of a query ordered by position, with a turn of the event loop between them (50,000 rows in one read held the connection). */
async function byPosition<T extends { position: number }>(page: (after: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let after = -1; ; ) {
    const rows = await page(after);
    for (const row of rows) all.push(row);
    if (rows.length < SNAPSHOT_PAGE) return all;
    after = rows.at(-1)!.position;
    await yieldToEventLoop();
  }
}

/** A version, or the current text ("now"), named in a language; its segments read a page at a time. */
export async function loadSnapshot(documentId: string, ref: SnapshotRef, locale: Locale = "en"): Promise<LoadedSnapshot | null> {
  const select = { position: true, kind: true, source: true, target: true, status: true } as const;
  if (ref === "now") {
    const segments = await byPosition((after) =>
      prisma.segment.findMany({ where: { ...liveSegmentsOf(documentId), position: { gt: after } }, orderBy: { position: "asc" }, take: SNAPSHOT_PAGE, select: { id: true, ...select } }),
    );
    return { ref, label: nowName(locale), at: new Date(), segments: segments.map(({ id, ...s }) => ({ segmentId: id, ...s })) };
  }
  const version = await prisma.documentVersion.findUnique({ where: { id: ref }, include: { author: { select: { name: true } } } });
  // One still being frozen is not there yet.
  if (!version || version.documentId !== documentId || version.freezing) return null;
  const segments = await byPosition((after) =>
    prisma.versionSegment.findMany({ where: { versionId: version.id, position: { gt: after } }, orderBy: { position: "asc" }, take: SNAPSHOT_PAGE, select: { segmentId: true, ...select } }),
  );
  return { ref, label: versionName({ ...version, authorName: version.author?.name ?? null }, locale), at: version.createdAt, segments };
}

/** Joins and splits recorded in the document's revisions (their notes name the other segment). */
async function restructuring(documentId: string): Promise<Restructuring> {
  const rows = await prisma.revision.findMany({ where: { documentId, kind: { in: ["join", "split"] }, note: { not: null } }, select: { segmentId: true, note: true } });
  const joinedInto = new Map<string, string>();
  const splitFrom = new Map<string, string>();
  for (const r of rows) {
    try {
      const note = JSON.parse(r.note!) as { joinedInto?: string; splitFrom?: string };
      if (note.joinedInto) joinedInto.set(r.segmentId, note.joinedInto);
      if (note.splitFrom) splitFrom.set(r.segmentId, note.splitFrom);
    } catch {
      // A note that is not JSON carries no structure.
    }
  }
  return { joinedInto, splitFrom };
}

/** A comparison with a version of another document (404). */
export class ComparisonNotFound extends CodedError {
  constructor() {
    super("version-not-in-document", 404);
  }
}

/** Compares two snapshots of a document; the older one (by time) is always the "before". */
export async function compareVersions(documentId: string, from: SnapshotRef, to: SnapshotRef, locale: Locale = "en") {
  const [a, b, structure] = await Promise.all([loadSnapshot(documentId, from, locale), loadSnapshot(documentId, to, locale), restructuring(documentId)]);
  if (!a || !b) throw new ComparisonNotFound();
  const [older, newer] = a.at <= b.at ? [a, b] : [b, a];
  return { older: { ref: older.ref, label: older.label, at: older.at.toISOString() }, newer: { ref: newer.ref, label: newer.label, at: newer.at.toISOString() }, ...(await compareSnapshots(older.segments, newer.segments, structure)) };
}
export type VersionComparison = Awaited<ReturnType<typeof compareVersions>>;
