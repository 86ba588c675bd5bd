/**
 * Issue 13 §1 and §4: long operations run in slices that let other requests through, give the
 * same results as before, and accept any count the schema allows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { asJob, jobProgress } from "@/lib/jobs/registry";
import { bulkApprove } from "@/lib/review/bulk-approve";
import { answeredMeanwhile, measureStalls } from "../support/event-loop";

let projectId: string;
let reviewerId: string;

/** A document of `count` confirmed ("translated") segments whose translations pass QA. */
async function translatedDocument(count: number): Promise<{ documentId: string; ids: string[] }> {
  const text = Array.from({ length: count }, (_, i) => `这是第${i + 1}段。`).join("\n\n");
  const { document } = await importText(prisma, { projectId, text, acceptedJoins: [], origin: "test", actorId: null });
  await prisma.$executeRaw`UPDATE "Segment" SET "target" = 'This is paragraph ' || ("position" + 1) || '.', "status" = 'translated' WHERE "documentId" = ${document.id}`;
  const ids = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
  return { documentId: document.id, ids };
}

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Long operations" } })).id;
  reviewerId = (await prisma.user.create({ data: { email: "reviewer@long.example", name: "Reviewer", passwordHash: "x" } })).id;
});

describe("bulk approval of any count the schema allows", () => {
  it("approves 997 segments (a 500 before: too many bound parameters), each once, listed twice or not", async () => {
    const { documentId, ids } = await translatedDocument(997);
    const result = await bulkApprove(documentId, [...ids, ...ids.slice(0, 300)], reviewerId);
    expect(result.refused).toEqual([]);
    expect(result.approved).toHaveLength(997);
    expect(await prisma.segment.count({ where: { documentId, status: "approved" } })).toBe(997);
    // One approval revision and one activity event per segment: the duplicates were collapsed.
    expect(await prisma.revision.count({ where: { documentId, kind: "status" } })).toBe(997);
    expect(await prisma.activityEvent.count({ where: { documentId, type: "segment.status_changed" } })).toBe(997);
  });

  it("takes 5,000 ids in slices: other queries are answered meanwhile, and progress is reported", async () => {
    const { documentId, ids } = await translatedDocument(5_000);
    // 600 confirmed, the rest drafts (refused by name): 5,000 ids without 5,000 approvals' time.
    await prisma.segment.updateMany({ where: { documentId, position: { gte: 600 } }, data: { status: "draft" } });
    const seen: number[] = [];
    const poll = setInterval(() => {
      const progress = jobProgress("bulk-approve-5000", reviewerId);
      if (progress?.phase === "approving") seen.push(progress.done);
    }, 5);
    const concurrent = answeredMeanwhile();
    const { result, longestMs, totalMs } = await measureStalls(() => asJob("bulk-approve-5000", reviewerId, "Approving", (job) => bulkApprove(documentId, ids, reviewerId, job)));
    const answered = concurrent.stop();
    clearInterval(poll);
    expect(result.approved).toHaveLength(600);
    expect(result.refused).toHaveLength(4_400);
    expect(result.refused[0]).toEqual({ position: 600, reason: "draft: only confirmed segments can be approved" });
    expect(await prisma.segment.count({ where: { documentId, status: "approved" } })).toBe(600);
    expect(await prisma.revision.count({ where: { documentId, kind: "status" } })).toBe(600);
    // Before: one uninterrupted run of seconds, during which nothing else was answered.
    expect(answered).toBeGreaterThan(20);
    expect(longestMs).toBeLessThan(Math.max(250, totalMs / 10));
    expect(seen.some((done) => done > 0 && done < 600)).toBe(true);
    expect(jobProgress("bulk-approve-5000", reviewerId)).toMatchObject({ state: "done", done: 600, total: 600 });
    expect(jobProgress("bulk-approve-5000", "someone-else")).toBeNull();
  });
});
