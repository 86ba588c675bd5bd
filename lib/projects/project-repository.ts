import type { PrismaClient } from "@/lib/generated/prisma/client";
import { IMPORTING, shownDocument } from "@/lib/documents/importing";
import { emptyStatusCounts, type StatusCounts, isSegmentStatus } from "@/lib/review/segment-status";

export interface DocumentSummary {
  id: string;
  title: string;
  status: string;
  createdAt: Date;
  segmentCount: number;
  statusCounts: StatusCounts;
}

export interface ProjectSummary {
  id: string;
  /** The viewer's role; site admins see every project, as owner where they are not members. */
  role: string;
  name: string;
  description: string;
  sourceLang: string;
  targetLang: string;
  documentCount: number;
  segmentCount: number;
  statusCounts: StatusCounts;
}

/** Segment counts per document and status in one grouped query (no query per document). */
async function statusCountsByDocument(db: PrismaClient, documentIds: string[]) {
  const groups = await db.segment.groupBy({
    by: ["documentId", "status"],
    where: { documentId: { in: documentIds }, removedAt: null },
    _count: { _all: true },
  });
  const byDocument = new Map<string, StatusCounts>();
  for (const g of groups) {
    const counts = byDocument.get(g.documentId) ?? emptyStatusCounts();
    if (isSegmentStatus(g.status)) counts[g.status] += g._count._all;
    byDocument.set(g.documentId, counts);
  }
  return byDocument;
}

function sumCounts(counts: StatusCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** A project's documents with progress, newest first; `filter` narrows them (the public API's list filters). */
export async function listDocumentSummaries(db: PrismaClient, projectId: string, filter: { status?: string; titleContains?: string } = {}): Promise<DocumentSummary[]> {
  const documents = await db.document.findMany({
    where: { projectId, status: filter.status ? { equals: filter.status, not: IMPORTING } : { not: IMPORTING }, ...(filter.titleContains ? { title: { contains: filter.titleContains } } : {}) },
    orderBy: { createdAt: "desc" },
  });
  const counts = await statusCountsByDocument(db, documents.map((d) => d.id));
  return documents.map((d) => {
    const statusCounts = counts.get(d.id) ?? emptyStatusCounts();
    return { id: d.id, title: d.title, status: d.status, createdAt: d.createdAt, segmentCount: sumCounts(statusCounts), statusCounts };
  });
}

/** One document with its progress (segment counts by status); null when there is none. */
export async function documentSummary(db: PrismaClient, documentId: string): Promise<(DocumentSummary & { projectId: string; updatedAt: Date; lastSegmentChange: Date | null }) | null> {
  const [document, counts, last] = await Promise.all([
    db.document.findUnique({ where: { id: documentId } }),
    statusCountsByDocument(db, [documentId]),
    db.segment.aggregate({ where: { documentId }, _max: { updatedAt: true } }),
  ]);
  if (!document || document.status === IMPORTING) return null;
  const statusCounts = counts.get(documentId) ?? emptyStatusCounts();
  return {
    id: document.id,
    projectId: document.projectId,
    title: document.title,
    status: document.status,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    lastSegmentChange: last._max.updatedAt,
    segmentCount: sumCounts(statusCounts),
    statusCounts,
  };
}

/** Projects the viewer belongs to (all projects for a site admin), with progress. */
export async function listProjectSummaries(db: PrismaClient, viewer: { id: string; isAdmin: boolean } | "all"): Promise<ProjectSummary[]> {
  const all = viewer === "all" || viewer.isAdmin;
  const projects = await db.project.findMany({
    where: all ? {} : { memberships: { some: { userId: viewer.id } } },
    orderBy: { name: "asc" },
    include: {
      documents: { where: shownDocument, select: { id: true } },
      memberships: viewer === "all" ? false : { where: { userId: viewer.id }, select: { role: true } },
    },
  });
  const counts = await statusCountsByDocument(db, projects.flatMap((p) => p.documents.map((d) => d.id)));
  return projects.map((p) => {
    const statusCounts = emptyStatusCounts();
    for (const d of p.documents) {
      const c = counts.get(d.id);
      if (c) for (const [status, n] of Object.entries(c)) statusCounts[status as keyof StatusCounts] += n;
    }
    return {
      id: p.id,
      role: (p.memberships as { role: string }[] | undefined)?.[0]?.role ?? "owner",
      name: p.name,
      description: p.description,
      sourceLang: p.sourceLang,
      targetLang: p.targetLang,
      documentCount: p.documents.length,
      segmentCount: sumCounts(statusCounts),
      statusCounts,
    };
  });
}

export async function findProjectByIdOrName(db: PrismaClient, idOrName: string) {
  return db.project.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
}
