import { prisma } from "@/lib/db";
import { createDocumentWithSegments } from "@/lib/documents/document-repository";
import { ImportError } from "@/lib/documents/import-error";
import { MAX_TITLE_LENGTH } from "@/lib/documents/import-document";
import { MAX_TARGET_LENGTH } from "@/lib/revisions/target-text";
import type { JobHandle } from "@/lib/jobs/registry";
import type { BilingualUnit } from "./read-upload";

/**
 * Creates a new document from a bilingual file (XLIFF, TMX, CSV, XLSX): each unit becomes a
 * segment with its translation and status. Units keep their ids when those are free (so a
 * Duizhao export imported into another installation keeps its identities), else get new ones.
 * All or nothing: the document appears whole or not at all (lib/documents/document-repository.ts).
 */
export async function createBilingualDocument(input: { projectId: string; title: string; origin: string; actorId: string | null; units: BilingualUnit[]; format: string }, job?: JobHandle) {
  const units = input.units.filter((u) => u.source.trim() || u.target.trim());
  if (!units.length) throw new ImportError("bilingual-empty", "empty");
  const tooLong = units.findIndex((u) => u.target.length > MAX_TARGET_LENGTH || u.source.length > MAX_TARGET_LENGTH);
  if (tooLong >= 0) throw new ImportError("bilingual-unit-too-long", "invalid-file", { n: tooLong + 1, max: MAX_TARGET_LENGTH });
  const wanted = units.map((u) => u.id).filter((id): id is string => !!id);
  const taken = new Set<string>();
  for (let i = 0; i < wanted.length; i += 5_000) {
    for (const s of await prisma.segment.findMany({ where: { id: { in: wanted.slice(i, i + 5_000) } }, select: { id: true } })) taken.add(s.id);
  }
  const seen = new Set<string>();
  const title = input.title.trim().slice(0, MAX_TITLE_LENGTH) || "Imported document";
  return createDocumentWithSegments(prisma, {
    projectId: input.projectId,
    title,
    origin: input.origin,
    actorId: input.actorId,
    importDetails: { format: input.format, units: units.length },
    segments: units.map((u) => {
      const keepId = u.id && /^[\w.:-]{1,100}$/.test(u.id) && !taken.has(u.id) && !seen.has(u.id);
      if (keepId) seen.add(u.id!);
      const target = u.target;
      return {
        id: keepId ? u.id! : undefined,
        kind: u.kind ?? "paragraph",
        source: u.source,
        truncated: false,
        target,
        status: target.trim() ? (u.status && u.status !== "untranslated" ? u.status : "translated") : "untranslated",
      };
    }),
  }, job);
}
