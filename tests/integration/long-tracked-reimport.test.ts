/**
 * Issue 13 §1, the same class of bug beyond the review's list: applying a Word file's tracked
 * changes ran as one transaction over every segment (up to 100,000 by the schema) — the server
 * answered nobody meanwhile — and read its segments with one query of as many bound parameters as
 * segments (SQLite refuses over 999 on some builds: what broke bulk approval).
 * Now it is checked in pieces and written in slices, all or nothing, like a plain re-import.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { applyTrackedImport, type TrackedDecision } from "@/lib/exchange/tracked/tracked-apply";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { answeredMeanwhile, measureStalls } from "../support/event-loop";
import { noJob, strikeWhileApplying, translatedDocument } from "../support/long-operations";

vi.setConfig({ testTimeout: 240_000 });

let projectId: string;
let reviewer: { id: string; isAdmin: boolean };

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Tracked re-import at scale" } })).id;
  const user = await prisma.user.create({ data: { email: "reviewer@tracked-scale.example", name: "Reviewer", passwordHash: "x" } });
  await prisma.membership.create({ data: { projectId, userId: user.id, role: "reviewer" } });
  reviewer = { id: user.id, isAdmin: false };
});

/** The reviewer accepted one tracked insertion per segment, and commented on every tenth. */
const decisionsFor = (ids: string[]): TrackedDecision[] =>
  ids.map((segmentId, i) => ({
    segmentId,
    version: 1,
    atoms: [{ text: `Paragraph ${i + 1}, revised.`, ins: "c1" }],
    placeholder: null,
    changes: [{ key: "c1", accepted: true, userId: reviewer.id, date: "2026-12-01T10:00:00Z" }],
    comments: i % 10 === 0 ? [{ key: "m1", userId: reviewer.id, text: `Checked paragraph ${i + 1}.`, parentKey: null, parentCommentId: null }] : [],
  }));

describe("applying tracked changes to a large document", () => {
  it("applies 1,500 segments (more than 999 bound parameters) while others are answered", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 1_501);
    const bystander = ids.at(-1)!;
    const decisions = decisionsFor(ids.slice(0, 1_500));
    const concurrent = answeredMeanwhile();
    const outcomes: string[] = [];
    const job = {
      ...noJob,
      progress(done: number) {
        if (done > 0 && outcomes.length === 0) {
          outcomes.push("asked");
          void saveTranslation({ segmentId: ids[1_499]!, target: "Mine.", baseVersion: 1, confirm: false, actorId: reviewer.id }).then((o) => outcomes.push(`fenced:${o.kind}`));
          void saveTranslation({ segmentId: bystander, target: "Elsewhere.", baseVersion: 1, confirm: false, actorId: reviewer.id }).then((o) => outcomes.push(`other:${o.kind}`));
        }
      },
    };
    const { result, longestMs, totalMs } = await measureStalls(() => applyTrackedImport({ documentId, decisions, actor: reviewer, role: "reviewer", origin: "upload:big.docx" }, job));
    const answered = concurrent.stop();
    expect(result).toEqual({ revisions: 1_500, comments: 150, rejected: 0 });
    expect(outcomes).toEqual(["asked", "fenced:invalid", "other:saved"]);
    const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    expect(rows.slice(0, 1_500).map((r) => [r.target, r.version])).toEqual(ids.slice(0, 1_500).map((_, i) => [`Paragraph ${i + 1}, revised.`, 2]));
    expect(await prisma.comment.count({ where: { documentId } })).toBe(150);
    expect(answered).toBeGreaterThan(10);
    expect(longestMs).toBeLessThan(Math.max(totalMs / 4, 500));
  });

  it("takes back every slice already written when a segment changes half-way: texts, revisions and comments", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 1_200);
    const before = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    const revisionsBefore = await prisma.revision.count({ where: { documentId } });
    const { job, struck } = strikeWhileApplying(ids.at(-1)!);
    await expect(applyTrackedImport({ documentId, decisions: decisionsFor(ids), actor: reviewer, role: "reviewer", origin: "upload:x.docx" }, job)).rejects.toThrow(/Segment #1200 changed during the import/);
    expect(struck()).toBe(true);
    const after = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    expect(after.slice(0, -1).map((s) => [s.target, s.status, s.version])).toEqual(before.slice(0, -1).map((s) => [s.target, s.status, s.version]));
    expect(await prisma.revision.count({ where: { documentId } })).toBe(revisionsBefore);
    expect(await prisma.comment.count({ where: { documentId } })).toBe(0);
    expect(await prisma.activityEvent.count({ where: { documentId, type: "document.translations_imported" } })).toBe(0);
    expect((await saveTranslation({ segmentId: ids[0]!, target: "Free again.", baseVersion: 1, confirm: false, actorId: reviewer.id })).kind).toBe("saved");
  });
});
