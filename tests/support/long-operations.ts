/** Shared by the long-operation tests (plain and tracked re-imports, bulk approval, replace-all). */
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import type { JobHandle } from "@/lib/jobs/registry";

export const noJob: JobHandle = { id: "", phase: () => {}, progress: () => {}, finish: () => {}, fail: () => {} };

/** A document of `count` confirmed ("translated") segments whose translations pass QA. */
export async function translatedDocument(projectId: string, count: number): Promise<{ documentId: string; ids: string[] }> {
  const text = Array.from({ length: count }, (_, i) => `这是第${i + 1}段。`).join("\n\n");
  const { document } = await importText(prisma, { projectId, text, acceptedJoins: [], origin: "test", actorId: null });
  await prisma.$executeRaw`UPDATE "Segment" SET "target" = 'This is paragraph ' || ("position" + 1) || '.', "status" = 'translated' WHERE "documentId" = ${document.id}`;
  const ids = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
  return { documentId: document.id, ids };
}

/**
 * A job handle that, once the operation has applied more than 200 segments, has another writer
 * the fence does not cover (the command line, another instance) change `segmentId`. `struck()`
 * says whether it did.
 */
export function strikeWhileApplying(segmentId: string): { job: JobHandle; struck: () => boolean } {
  let struck = false;
  let phase = "";
  const job: JobHandle = {
    ...noJob,
    phase: (p) => void (phase = p),
    progress(done: number) {
      if (phase === "applying" && done > 200 && !struck) {
        struck = true;
        // (A Prisma query runs only once awaited or then-ed.)
        void prisma.segment.update({ where: { id: segmentId }, data: { target: "Changed elsewhere.", version: { increment: 1 } } }).then(() => undefined);
      }
    },
  };
  return { job, struck: () => struck };
}
