/** The "four eyes" project setting: nobody approves a segment whose current text they wrote. */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { segmentSlice } from "@/lib/documents/document-queries";
import { importText } from "@/lib/documents/import-document";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { bulkApprove } from "@/lib/review/bulk-approve";
import { textAuthors } from "@/lib/review/four-eyes";
import { signOff, SignOffRefused, signOffReadiness } from "@/lib/review/sign-off";
import { applyTransition, TransitionRefused } from "@/lib/review/status-changes";
import { FOUR_EYES_REFUSAL } from "@/lib/review/workflow";
import { errorMessage } from "@/lib/http/coded-error";

let projectId: string;
const user = {} as Record<"owner" | "translator" | "reviewer", { id: string; name: string }>;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Four eyes", fourEyes: true } })).id;
  for (const role of ["owner", "translator", "reviewer"] as const) {
    const created = await prisma.user.create({ data: { email: `${role}@four-eyes.example`, name: `${role} person`, passwordHash: "x" } });
    user[role] = { id: created.id, name: created.name };
    await prisma.membership.create({ data: { projectId, userId: created.id, role } });
  }
});

async function newDocument(paragraphs: string[]) {
  const { document } = await importText(prisma, { projectId, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: user.owner.id });
  const segments = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
  return { documentId: document.id, ids: segments.map((s) => s.id) };
}

async function write(segmentId: string, text: string, actor: { id: string }, confirm = true) {
  const current = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
  const outcome = await saveTranslation({ segmentId, target: text, baseVersion: current.version, confirm, actorId: actor.id });
  expect(outcome.kind).toBe("saved");
}

const approve = (segmentId: string, actor: { id: string }) => applyTransition({ segmentId, transition: "approve", actorId: actor.id });

describe("four eyes", () => {
  it("refuses the author of the current text and lets anyone else approve", async () => {
    const { ids } = await newDocument(["第一段。"]);
    await write(ids[0]!, "The first paragraph.", user.owner);
    await expect(approve(ids[0]!, user.owner)).rejects.toMatchObject({ code: FOUR_EYES_REFUSAL, status: 409 });
    await expect(approve(ids[0]!, user.owner)).rejects.toThrow("Four eyes: you wrote this text, so someone else approves it.");
    await expect(approve(ids[0]!, user.owner)).rejects.toBeInstanceOf(TransitionRefused);
    expect((await prisma.segment.findUniqueOrThrow({ where: { id: ids[0]! } })).status).toBe("translated");
    await expect(approve(ids[0]!, user.reviewer)).resolves.toMatchObject({ status: "approved" });
  });

  it("follows the text, not the status: a reviewer who rewrote it may not approve, a confirm without a change keeps the author", async () => {
    const { ids } = await newDocument(["第二段。"]);
    await write(ids[0]!, "Second paragraf.", user.translator, false);
    await write(ids[0]!, "Second paragraph.", user.reviewer, false);
    // The translator confirms the reviewer's text unchanged: the reviewer still wrote it.
    await write(ids[0]!, "Second paragraph.", user.translator, true);
    expect((await textAuthors(prisma, { segmentIds: ids })).get(ids[0]!)).toBe(user.reviewer.id);
    await expect(approve(ids[0]!, user.reviewer)).rejects.toMatchObject({ code: FOUR_EYES_REFUSAL });
    await expect(approve(ids[0]!, user.translator)).resolves.toMatchObject({ status: "approved" });
  });

  it("bulk approval names the author's own texts and approves the rest", async () => {
    const { documentId, ids } = await newDocument(["甲。", "乙。", "丙。"]);
    await write(ids[0]!, "A.", user.reviewer);
    await write(ids[1]!, "B.", user.translator);
    await write(ids[2]!, "C.", user.reviewer);
    const result = await bulkApprove(documentId, ids, user.reviewer.id);
    expect(result.approved.map((a) => a.id)).toEqual([ids[1]]);
    expect(result.refused).toEqual([
      { position: 0, code: FOUR_EYES_REFUSAL },
      { position: 2, code: FOUR_EYES_REFUSAL },
    ]);
  });

  it("the editor's segments say who wrote each text, only when the project has four eyes", async () => {
    const { documentId, ids } = await newDocument(["丁。", "戊。"]);
    await write(ids[0]!, "D.", user.translator);
    const { segments } = await segmentSlice(prisma, documentId, 0, 10);
    expect(segments.map((s) => s.textAuthorId)).toEqual([user.translator.id, user.owner.id]);
    await prisma.project.update({ where: { id: projectId }, data: { fourEyes: false } });
    try {
      expect((await segmentSlice(prisma, documentId, 0, 10)).segments[0]).not.toHaveProperty("textAuthorId");
    } finally {
      await prisma.project.update({ where: { id: projectId }, data: { fourEyes: true } });
    }
  });

  it("with the setting off the author may approve; turned on, sign-off waits for someone else's approval", async () => {
    const { documentId, ids } = await newDocument(["己。"]);
    await prisma.project.update({ where: { id: projectId }, data: { fourEyes: false } });
    await write(ids[0]!, "Self-made.", user.owner);
    await expect(approve(ids[0]!, user.owner)).resolves.toMatchObject({ status: "approved" });
    await prisma.project.update({ where: { id: projectId }, data: { fourEyes: true } });

    const readiness = await signOffReadiness(documentId);
    expect(readiness).toMatchObject({ ready: false, selfApproved: 1 });
    expect(readiness.reasons).toEqual([{ code: "sign-off-self-approved", params: { count: 1 } }]);
    expect(errorMessage("sign-off-self-approved", { count: 1 })).toMatch(/^Four eyes: 1 segment was approved by the person who wrote its text/);
    await expect(signOff(documentId, user.reviewer)).rejects.toBeInstanceOf(SignOffRefused);
    await expect(signOff(documentId, user.reviewer)).rejects.toMatchObject({ code: "sign-off-self-approved", params: { count: 1 } });

    // Sent back, confirmed as it is by the translator and approved by the reviewer: now it may go.
    await applyTransition({ segmentId: ids[0]!, transition: "request_changes", actorId: user.reviewer.id, comment: "Second pair of eyes, please." });
    await write(ids[0]!, "Self-made.", user.translator);
    await expect(approve(ids[0]!, user.owner)).rejects.toMatchObject({ code: FOUR_EYES_REFUSAL });
    await approve(ids[0]!, user.reviewer);
    expect(await signOffReadiness(documentId)).toMatchObject({ ready: true, selfApproved: 0 });
    await expect(signOff(documentId, user.owner)).resolves.toMatchObject({ by: user.owner.name });
  });
});
