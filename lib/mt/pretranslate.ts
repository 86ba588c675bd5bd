import { prisma } from "@/lib/db";
import { appendSegmentsChanged } from "@/lib/events/append-event";
import { withPublish } from "@/lib/events/publish";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { newId } from "@/lib/ids";
import { MAX_TARGET_LENGTH, normaliseTarget } from "@/lib/revisions/target-text";
import { MtError, type MtProvider } from "./providers";

/**
 * Fills the document's empty targets with machine translation, as drafts marked "MT" — never
 * confirmed: a person still has to read and confirm each. Each segment is written on its own
 * with a version guard, so one edited meanwhile is left alone. A provider failure stops the run
 * and says how far it got.
 */
export async function pretranslate(documentId: string, provider: MtProvider, actorId: string): Promise<{ filled: number; skipped: number; error: string | null }> {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { sourceLang: true, targetLang: true, projectId: true } });
  const empty = await prisma.segment.findMany({ where: { ...liveSegmentsOf(documentId), target: "" }, orderBy: { position: "asc" }, select: { id: true, source: true, version: true } });
  let filled = 0;
  let skipped = 0;
  let error: string | null = null;
  for (let i = 0; i < empty.length; i += 20) {
    const batch = empty.slice(i, i + 20);
    let texts: string[];
    try {
      texts = await provider.translate(batch.map((s) => s.source), { source: document.sourceLang, target: document.targetLang });
    } catch (e) {
      if (!(e instanceof MtError)) throw e;
      error = e.message;
      break;
    }
    const written: string[] = [];
    for (const [k, s] of batch.entries()) {
      const target = normaliseTarget(texts[k] ?? "").slice(0, MAX_TARGET_LENGTH);
      if (!target) {
        skipped++;
        continue;
      }
      const wrote = await prisma.$transaction(async (tx) => {
        const updated = await tx.segment.updateMany({ where: { id: s.id, version: s.version, target: "" }, data: { target, status: "draft", version: s.version + 1, machineTranslated: true } });
        if (updated.count !== 1) return false;
        await tx.revision.create({ data: { id: newId(), segmentId: s.id, documentId, version: s.version + 1, kind: "edit", source: s.source, target, status: "draft", authorId: actorId, note: JSON.stringify({ mt: provider.label }) } });
        return true;
      });
      if (wrote) {
        filled++;
        written.push(s.id);
      } else skipped++;
    }
    // One live event per batch of the provider's answers rather than one per segment; the
    // segments were written each in its own short transaction, so the event follows in its own.
    await withPublish(prisma.$transaction(async (tx) => ({ result: null, events: await appendSegmentsChanged(tx, documentId, actorId, "pretranslated", written) })));
  }
  await prisma.activityEvent.create({ data: { projectId: document.projectId, documentId, actorId, type: "document.pretranslated", data: JSON.stringify({ provider: provider.label, filled, skipped, error }) } });
  return { filled, skipped, error };
}
