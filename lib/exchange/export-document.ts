import { prisma } from "@/lib/db";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import type { Locale } from "@/lib/i18n/locales";
import { isSegmentStatus } from "@/lib/review/segment-status";
import { exportLabels } from "./export-labels";
import { freezeFromSnapshot, freezeVersion, shownVersion, withSnapshot } from "@/lib/versions/freeze";
import { versionName } from "@/lib/versions/version-name";
import type { ExchangeDocument, ExchangeSegment } from "./exchange-model";
import { EXPORT_FORMATS, type ExportFormat, type ExportFormatId } from "./formats";
import { withTrackedChanges, type TrackOption } from "./tracked/tracked-export";
import { yieldToEventLoop } from "@/lib/jobs/time-slice";
import { enqueueWebhookEvents } from "@/lib/webhooks/webhooks";

export interface ExportOptions {
  format: ExportFormatId;
  /** All segments, or approved ones only. */
  scope: "all" | "approved";
  withComments: boolean;
  /** Word formats only: edits shown as tracked changes, comments as Word comments. */
  track?: TrackOption;
}

/**
 * Records an export — the explicit step the export button (a POST) and `duizhao export` take
 * before the file is produced; a download itself (GET) changes nothing. A version is frozen only
 * when the document changed since its last frozen version (whatever froze it); otherwise the
 * export refers to that version, so repeated exports no longer pile up identical versions. The
 * export is logged either way, with the version it matches. On SQLite the comparison and the copy
 * read a snapshot in slices (lib/versions/freeze.ts): nobody's save waits on a large document's.
 */
export async function recordExport(documentId: string, options: ExportOptions, actorId: string | null, locale: Locale = "en"): Promise<{ versionId: string; label: string; created: boolean }> {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { projectId: true } });
  const record = async (tx: Tx, versionId: string, created: boolean) => {
    await tx.activityEvent.create({
      data: {
        projectId: document.projectId,
        documentId,
        actorId,
        type: "document.exported",
        data: JSON.stringify({ format: options.format, ...(options.track ? { track: options.track } : {}), scope: options.scope === "approved" || approvedOnlyFormat(options.format) ? "approved" : "all", comments: options.withComments, versionId, newVersion: created }),
      },
    });
    await enqueueWebhookEvents(tx, [{ projectId: document.projectId, documentId, event: "document.exported", data: { format: options.format, versionId } }]);
  };
  const lastVersion = (db: Pick<Tx, "documentVersion">) =>
    db.documentVersion.findFirst({ where: { documentId, ...shownVersion }, orderBy: { createdAt: "desc" }, include: { author: { select: { name: true } } } });
  // A new version stores the format's id as its name: people read "Export <format>, <time>" in their language (version-name.ts).
  const input = { documentId, label: options.format, reason: "export", authorId: actorId } as const;
  return withSnapshot(documentId, async (snapshot) => {
    if (!snapshot) {
      // PostgreSQL: one transaction (its statements block no one's saves there).
      return prisma.$transaction(async (tx) => {
        const last = await lastVersion(tx);
        const unchanged = last ? await matchesVersion(tx, documentId, last.id) : false;
        const version = unchanged ? { ...last!, authorName: last!.author?.name ?? null } : { ...(await freezeVersion(tx, input)), authorName: null };
        await record(tx, version.id, !unchanged);
        return { versionId: version.id, label: versionName(version, locale), created: !unchanged };
      });
    }
    // SQLite: the document as the snapshot holds it, compared and (if changed) copied in slices;
    // only the short last transaction writes the activity row and the webhook.
    const last = await lastVersion(prisma);
    if (last && (await snapshot.matchesVersion(last.id))) {
      await prisma.$transaction((tx) => record(tx, last.id, false));
      return { versionId: last.id, label: versionName({ ...last, authorName: last.author?.name ?? null }, locale), created: false };
    }
    const { version } = await freezeFromSnapshot(snapshot, input, (tx, version) => record(tx, version.id, true));
    return { versionId: version.id, label: versionName({ ...version, authorName: null }, locale), created: true };
  });
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** Whether the live segments are exactly those frozen in a version (identity, place, kind, texts, status). */
async function matchesVersion(tx: Tx, documentId: string, versionId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ live: bigint | number; frozen: bigint | number; same: bigint | number }[]>`
    SELECT
      (SELECT COUNT(*) FROM "Segment" WHERE "documentId" = ${documentId} AND "removedAt" IS NULL) AS "live",
      (SELECT COUNT(*) FROM "VersionSegment" WHERE "versionId" = ${versionId}) AS "frozen",
      (SELECT COUNT(*) FROM "Segment" s JOIN "VersionSegment" v
         ON v."versionId" = ${versionId} AND v."position" = s."position" AND v."segmentId" = s."id"
        AND v."kind" = s."kind" AND v."source" = s."source" AND v."target" = s."target" AND v."status" = s."status"
       WHERE s."documentId" = ${documentId} AND s."removedAt" IS NULL) AS "same"`;
  const [live, frozen, same] = [Number(row?.live), Number(row?.frozen), Number(row?.same)];
  return live === frozen && live === same;
}

const approvedOnlyFormat = (format: ExportFormatId) => {
  const spec = EXPORT_FORMATS[format];
  return "approvedOnly" in spec && spec.approvedOnly === true;
};

/** Segments read per query while loading an export. */
const EXPORT_PAGE = 2_000;

/**
 * Loads what an export holds: the segments (all, or approved only) and their comments. Reads
 * only. `versionLabel` names the version the file corresponds to (from recordExport).
 */
export async function loadExport(documentId: string, options: ExportOptions, versionLabel: string | null, locale: Locale = "en"): Promise<ExchangeDocument> {
  const labels = exportLabels(locale);
  const approvedOnly = options.scope === "approved" || approvedOnlyFormat(options.format);
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, include: { project: { select: { name: true } } } });
  // Read a page at a time with a turn of the event loop between: one read of a 50,000-segment
  // document held the (synchronous) SQLite connection and every other request (issue 13).
  const rows: { id: string; kind: string; source: string; target: string; status: string; version: number; position: number }[] = [];
  for (let after = -1; ; ) {
    const page = await prisma.segment.findMany({
      where: { ...liveSegmentsOf(documentId), position: { gt: after } },
      orderBy: { position: "asc" },
      take: EXPORT_PAGE,
      select: { id: true, kind: true, source: true, target: true, status: true, version: true, position: true },
    });
    rows.push(...page);
    if (page.length < EXPORT_PAGE) break;
    after = page.at(-1)!.position;
    await yieldToEventLoop();
  }
  const comments = new Map<string, ExchangeSegment["comments"]>();
  if (options.withComments) {
    const all = await prisma.comment.findMany({ where: { documentId, deletedAt: null }, orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } });
    for (const c of all) {
      const list = comments.get(c.segmentId) ?? [];
      list.push({ author: c.author?.name ?? labels.formerMember, body: c.body, at: c.createdAt.toISOString(), id: c.id, parentId: c.parentId, resolved: c.resolvedAt !== null });
      comments.set(c.segmentId, list);
    }
  }
  const exported = rows.filter((s) => !approvedOnly || s.status === "approved");
  const exportedAt = new Date();
  const loaded: ExchangeDocument = {
    documentId,
    title: document.title,
    projectName: document.project.name,
    sourceLang: document.sourceLang,
    targetLang: document.targetLang,
    exportedAt: exportedAt.toISOString(),
    versionLabel: versionLabel ?? labels.currentText(exportedAt.toISOString()),
    locale,
    progress: { total: rows.length, approved: rows.filter((r) => r.status === "approved").length, translated: rows.filter((r) => r.status === "translated" || r.status === "reviewed").length },
    segments: exported.map((s) => ({
      id: s.id,
      kind: s.kind,
      source: s.source,
      target: s.target,
      status: isSegmentStatus(s.status) ? s.status : "untranslated",
      version: s.version,
      comments: comments.get(s.id) ?? [],
    })),
  };
  return options.track ? withTrackedChanges(loaded, options.track) : loaded;
}

/** Records the export (recordExport) and loads it: the command line and scripts, in one step. */
export async function prepareExport(documentId: string, options: ExportOptions, actorId: string | null): Promise<ExchangeDocument> {
  const version = await recordExport(documentId, options, actorId);
  return loadExport(documentId, options, version.label);
}

/** A file name from the title: the Chinese stays (RFC 5987 in the header), only unsafe characters go. */
export function exportFileName(title: string, format: ExportFormatId): string {
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim().slice(0, 80) || "document";
  const f: ExportFormat = EXPORT_FORMATS[format];
  return `${base}${f.nameSuffix ?? ""}.${f.extension}`;
}
