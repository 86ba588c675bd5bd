/**
 * The document event table is trimmed after publishing (lib/events/prune.ts): every 200th event of
 * a document deletes its events beyond the last EVENTS_KEPT_PER_DOCUMENT, and hourly per instance
 * the events older than a week go — in the background, so the writer that published is not held.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import type { DocumentEvent } from "@/lib/events/event-types";
import { EVENT_MAX_AGE_MS, EVENTS_KEPT_PER_DOCUMENT } from "@/lib/events/prune";
import { publishDocumentEvents } from "@/lib/events/publish";

let documentId: string;
let otherDocumentId: string;
const LAST = EVENTS_KEPT_PER_DOCUMENT + 200;

const event = (seq: number, id = documentId): DocumentEvent => ({
  type: "comment.changed",
  action: "added",
  segmentId: "s",
  commentId: `c${seq}`,
  comments: 1,
  openIssues: 0,
  documentId: id,
  seq,
  actor: null,
  at: new Date().toISOString(),
});

async function storeEvents(id: string, seqs: number[], createdAt: Date) {
  await prisma.documentEvent.createMany({
    data: seqs.map((seq) => ({ id: `${id}-${seq}`, documentId: id, seq, type: "comment.changed", actorId: null, body: JSON.stringify(event(seq, id)), createdAt })),
  });
}

beforeAll(async () => {
  const projectId = (await prisma.project.create({ data: { name: "Prune" } })).id;
  for (const title of ["Busy", "Old"]) {
    const { document } = await importText(prisma, { projectId, text: "第一段。", title, acceptedJoins: "all", origin: "test", actorId: null });
    if (title === "Busy") documentId = document.id;
    else otherDocumentId = document.id;
  }
  await storeEvents(documentId, Array.from({ length: LAST }, (_, i) => i + 1), new Date());
  // Another document's events: two older than the age limit, one recent.
  await storeEvents(otherDocumentId, [1, 2], new Date(Date.now() - EVENT_MAX_AGE_MS - 60_000));
  await storeEvents(otherDocumentId, [3], new Date());
});

const seqsOf = async (id: string) => (await prisma.documentEvent.findMany({ where: { documentId: id }, select: { seq: true }, orderBy: { seq: "asc" } })).map((e) => e.seq);

describe("trimming the event table after publishing", () => {
  it("the 200th event of a document trims it to the last events kept, and the first publish of an instance drops week-old events", async () => {
    await publishDocumentEvents([event(LAST - 1)]);
    await publishDocumentEvents([event(LAST)]);
    await expect.poll(async () => (await seqsOf(documentId)).length, { timeout: 10_000 }).toBe(EVENTS_KEPT_PER_DOCUMENT);
    expect((await seqsOf(documentId))[0]).toBe(LAST - EVENTS_KEPT_PER_DOCUMENT + 1);
    await expect.poll(() => seqsOf(otherDocumentId), { timeout: 10_000 }).toEqual([3]);
  });

  it("an event whose seq is not a multiple of 200 trims nothing", async () => {
    await storeEvents(documentId, [LAST + 1], new Date());
    await publishDocumentEvents([event(LAST + 1)]);
    // Another document's trim, published after, is done once the first would have been.
    await storeEvents(otherDocumentId, Array.from({ length: LAST - 3 }, (_, i) => i + 4), new Date());
    await publishDocumentEvents([event(LAST, otherDocumentId)]);
    await expect.poll(async () => (await seqsOf(otherDocumentId)).length, { timeout: 10_000 }).toBe(EVENTS_KEPT_PER_DOCUMENT);
    expect(await seqsOf(documentId)).toHaveLength(EVENTS_KEPT_PER_DOCUMENT + 1);
  });
});
