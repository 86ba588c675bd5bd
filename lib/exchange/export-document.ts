import { prisma } from "@/lib/db";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { isSegmentStatus } from "@/lib/review/segment-status";
import { freezeVersion } from "@/lib/versions/freeze";
import type { ExchangeDocument, ExchangeSegment } from "./exchange-model";
import { EXPORT_FORMATS, type ExportFormatId } from "./formats";

export interface ExportOptions {
  format: ExportFormatId;
  /** All segments, or approved ones only. */
  scope: "all" | "approved";
  withComments: boolean;
}

/**
 * Prepares an export: loads the segments (and comments), and — in one transaction — freezes a
 * document version named after the export and logs it, so every file that leaves Duizhao can
 * be compared with the document later.
 */
export async function prepareExport(documentId: string, options: ExportOptions, actorId: string | null): Promise<ExchangeDocument> {
  const format = EXPORT_FORMATS[options.format];
  const approvedOnly = options.scope === "approved" || ("approvedOnly" in format && format.approvedOnly === true);
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, include: { project: { select: { name: true } } } });
  const rows = await prisma.segment.findMany({
    where: liveSegmentsOf(documentId),
    orderBy: { position: "asc" },
    select: { id: true, kind: true, source: true, target: true, status: true, version: true },
  });
  const comments = new Map<string, ExchangeSegment["comments"]>();
  if (options.withComments) {
    const all = await prisma.comment.findMany({ where: { documentId, deletedAt: null }, orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } });
    for (const c of all) {
      const list = comments.get(c.segmentId) ?? [];
      list.push({ author: c.author?.name ?? "Former member", body: c.body, at: c.createdAt.toISOString() });
      comments.set(c.segmentId, list);
    }
  }
  const exported = rows.filter((s) => !approvedOnly || s.status === "approved");
  const exportedAt = new Date();
  const versionLabel = `Export ${format.label.replace(/ \(.*\)$/, "")}, ${exportedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  await prisma.$transaction(async (tx) => {
    const version = await freezeVersion(tx, { documentId, label: versionLabel, reason: "export", authorId: actorId });
    await tx.activityEvent.create({
      data: {
        projectId: document.projectId,
        documentId,
        actorId,
        type: "document.exported",
        data: JSON.stringify({ format: options.format, scope: approvedOnly ? "approved" : "all", comments: options.withComments, segments: exported.length, versionId: version.id }),
      },
    });
  });
  return {
    documentId,
    title: document.title,
    projectName: document.project.name,
    sourceLang: document.sourceLang,
    targetLang: document.targetLang,
    exportedAt: exportedAt.toISOString(),
    versionLabel,
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
}

/** A file name from the title: the Chinese stays (RFC 5987 in the header), only unsafe characters go. */
export function exportFileName(title: string, format: ExportFormatId): string {
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim().slice(0, 80) || "document";
  const suffix = format === "docx-review" ? " (review)" : format === "docx-target" ? " (English)" : "";
  return `${base}${suffix}.${EXPORT_FORMATS[format].extension}`;
}
