import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { saveTranslation } from "@/lib/revisions/save-translation";

let segmentId: string;
let userA: string;
let userB: string;

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Save" } });
  userA = (await prisma.user.create({ data: { email: "a@save.example", name: "Ann", passwordHash: "x" } })).id;
  userB = (await prisma.user.create({ data: { email: "b@save.example", name: "Bo", passwordHash: "x" } })).id;
  const { document } = await importText(prisma, { projectId: project.id, text: "标题\n\n第一段。", acceptedJoins: "all", origin: "test", actorId: null });
  segmentId = (await prisma.segment.findFirstOrThrow({ where: { documentId: document.id, position: 1 } })).id;
});

const revisions = () => prisma.revision.findMany({ where: { segmentId }, orderBy: { version: "asc" } });

describe("saving a translation", () => {
  it("stores the text as a draft and appends a revision with author, version and status", async () => {
    const outcome = await saveTranslation({ segmentId, target: "  The first paragraph. ", baseVersion: 1, confirm: false, actorId: userA });
    expect(outcome).toEqual({ kind: "saved", changed: true, segment: { id: segmentId, target: "The first paragraph.", status: "draft", version: 2 } });
    const last = (await revisions()).at(-1)!;
    expect(last).toMatchObject({ version: 2, kind: "edit", target: "The first paragraph.", status: "draft", authorId: userA });
  });

  it("does not write a revision when nothing changed", async () => {
    const before = (await revisions()).length;
    const outcome = await saveTranslation({ segmentId, target: "The first paragraph.", baseVersion: 2, confirm: false, actorId: userA });
    expect(outcome).toMatchObject({ kind: "saved", changed: false, segment: { version: 2 } });
    expect((await revisions()).length).toBe(before);
  });

  it("confirming unchanged text records a status revision", async () => {
    const outcome = await saveTranslation({ segmentId, target: "The first paragraph.", baseVersion: 2, confirm: true, actorId: userA });
    expect(outcome).toMatchObject({ kind: "saved", segment: { status: "translated", version: 3 } });
    expect((await revisions()).at(-1)).toMatchObject({ kind: "status", status: "translated", version: 3 });
  });

  it("refuses a save based on an old version and returns the current text and its author", async () => {
    await saveTranslation({ segmentId, target: "Bo's version.", baseVersion: 3, confirm: false, actorId: userB });
    const stale = await saveTranslation({ segmentId, target: "Ann's version.", baseVersion: 3, confirm: false, actorId: userA });
    expect(stale).toMatchObject({ kind: "conflict", current: { target: "Bo's version.", version: 4, authorName: "Bo", status: "translated" } });
    const segment = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
    expect(segment.target).toBe("Bo's version.");
    // Keeping mine after seeing theirs: a save based on their version goes through.
    const kept = await saveTranslation({ segmentId, target: "Ann's version.", baseVersion: 4, confirm: false, actorId: userA });
    expect(kept).toMatchObject({ kind: "saved", segment: { target: "Ann's version.", version: 5 } });
    expect((await revisions()).map((r) => r.target).slice(-2)).toEqual(["Bo's version.", "Ann's version."]);
  });

  it("lets exactly one of two simultaneous saves on the same version win", async () => {
    const results = await Promise.all([
      saveTranslation({ segmentId, target: "Race one.", baseVersion: 5, confirm: false, actorId: userA }),
      saveTranslation({ segmentId, target: "Race two.", baseVersion: 5, confirm: false, actorId: userB }),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(["conflict", "saved"]);
    expect((await revisions()).filter((r) => r.version === 6)).toHaveLength(1);
  });

  it("refuses invalid text and confirming an empty segment, changing nothing", async () => {
    const before = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
    expect(await saveTranslation({ segmentId, target: "bad\u0000", baseVersion: before.version, confirm: false, actorId: userA })).toMatchObject({ kind: "invalid" });
    expect(await saveTranslation({ segmentId, target: "   ", baseVersion: before.version, confirm: true, actorId: userA })).toMatchObject({ kind: "invalid" });
    expect(await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } })).toEqual(before);
  });

  it("sends an approved segment back to translated when its text is edited", async () => {
    const current = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
    await prisma.segment.update({ where: { id: segmentId }, data: { status: "approved" } });
    const outcome = await saveTranslation({ segmentId, target: "Edited after approval.", baseVersion: current.version, confirm: false, actorId: userB });
    expect(outcome).toMatchObject({ kind: "saved", segment: { status: "translated" } });
  });
});
