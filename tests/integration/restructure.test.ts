import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { correctSource, joinWithNext, RestructureRefused, splitSegment, undoRestructure } from "@/lib/revisions/restructure";

let documentId: string;
let actor: string;
const anyone = () => true;

beforeEach(async () => {
  const project = await prisma.project.create({ data: { name: `R${Date.now()}${Math.random()}` } });
  actor ||= (await prisma.user.create({ data: { email: "r@restructure.example", name: "R", passwordHash: "x" } })).id;
  documentId = (await importText(prisma, { projectId: project.id, text: "第一段，\n\n接着写完。\n\n第三段。\n\n第四段。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
  const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  await prisma.segment.update({ where: { id: rows[0]!.id }, data: { target: "The first paragraph,", status: "translated" } });
  await prisma.segment.update({ where: { id: rows[1]!.id }, data: { target: "finished here.", status: "approved" } });
});

const live = () => prisma.segment.findMany({ where: liveSegmentsOf(documentId), orderBy: { position: "asc" } });

describe("join, split and undo", () => {
  it("joins a segment with the next: texts combined, positions closed up, the other kept with its history", async () => {
    const [first, second] = await live();
    const result = await joinWithNext(first!.id, actor, anyone);
    const rows = await live();
    expect(rows.map((r) => [r.position, r.source, r.target, r.status])).toEqual([
      [0, "第一段，接着写完。", "The first paragraph, finished here.", "draft"],
      [1, "第三段。", "", "untranslated"],
      [2, "第四段。", "", "untranslated"],
    ]);
    const removed = await prisma.segment.findUniqueOrThrow({ where: { id: second!.id } });
    expect(removed.removedAt).not.toBeNull();
    expect(await prisma.revision.findMany({ where: { segmentId: second!.id }, orderBy: { version: "asc" } })).toHaveLength(2);
    expect(result).toMatchObject({ id: first!.id, joinedId: second!.id });

    await undoRestructure(first!.id, actor, true);
    const restored = await live();
    expect(restored.map((r) => [r.position, r.id, r.source, r.target, r.status])).toEqual([
      [0, first!.id, "第一段，", "The first paragraph,", "translated"],
      [1, second!.id, "接着写完。", "finished here.", "approved"],
      [2, expect.any(String), "第三段。", "", "untranslated"],
      [3, expect.any(String), "第四段。", "", "untranslated"],
    ]);
    const kinds = (await prisma.revision.findMany({ where: { segmentId: first!.id }, orderBy: { version: "asc" } })).map((r) => r.kind);
    expect(kinds).toEqual(["import", "join", "split"]);
  });

  it("splits at a point in the source and the target; undo puts it back", async () => {
    const [, , third] = await live();
    await prisma.segment.update({ where: { id: third!.id }, data: { source: "第三段。第三段后半。", target: "Third. Second half." } });
    const { newId } = await splitSegment(third!.id, 4, 6, actor, anyone);
    const rows = await live();
    expect(rows.map((r) => [r.position, r.source, r.target, r.status])).toEqual([
      [0, "第一段，", "The first paragraph,", "translated"],
      [1, "接着写完。", "finished here.", "approved"],
      [2, "第三段。", "Third.", "draft"],
      [3, "第三段后半。", "Second half.", "draft"],
      [4, "第四段。", "", "untranslated"],
    ]);
    expect(rows[3]!.id).toBe(newId);
    await undoRestructure(third!.id, actor, true);
    expect((await live()).map((r) => [r.position, r.source, r.target])).toEqual([
      [0, "第一段，", "The first paragraph,"],
      [1, "接着写完。", "finished here."],
      [2, "第三段。第三段后半。", "Third. Second half."],
      [3, "第四段。", ""],
    ]);
  });

  it("refuses what cannot be done, changing nothing", async () => {
    const rows = await live();
    const before = JSON.stringify(rows);
    await expect(joinWithNext(rows.at(-1)!.id, actor, anyone)).rejects.toThrow(/last segment/);
    await expect(joinWithNext(rows[0]!.id, actor, (status) => status !== "approved")).rejects.toThrow(RestructureRefused);
    await expect(splitSegment(rows[2]!.id, 0, null, actor, anyone)).rejects.toThrow(/split point/);
    await expect(splitSegment(rows[2]!.id, 99, null, actor, anyone)).rejects.toThrow(/split point/);
    await expect(undoRestructure(rows[2]!.id, actor, true)).rejects.toThrow(/nothing to undo|no join or split/);
    expect(JSON.stringify(await live())).toBe(before);
  });

  it("an owner's source correction is a revision and sends an approved segment back to translated", async () => {
    const [, second] = await live();
    const result = await correctSource(second!.id, "接着写完了。", second!.version, actor);
    expect(result).toMatchObject({ status: "translated", source: "接着写完了。" });
    const revision = await prisma.revision.findFirstOrThrow({ where: { segmentId: second!.id, kind: "source" } });
    expect(JSON.parse(revision.note!)).toEqual({ before: "接着写完。" });
    await expect(correctSource(second!.id, "又改。", second!.version, actor)).rejects.toThrow(/changed since/);
  });
});
