import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { listActivity } from "@/lib/activity/activity-log";
import { importText } from "@/lib/documents/import-document";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { joinWithNext } from "@/lib/revisions/restructure";
import { assignDocument, AssignmentRefused } from "@/lib/review/assignment";
import { addComment, changeComment } from "@/lib/review/comments";
import { bulkApprove } from "@/lib/review/bulk-approve";
import { myWork } from "@/lib/review/my-work";
import { qualityReport } from "@/lib/review/quality-report";
import { sendBackOf } from "@/lib/review/send-back";
import { signOff, SignOffRefused, signOffReadiness } from "@/lib/review/sign-off";
import { applyTransition } from "@/lib/review/status-changes";
import { errorMessage } from "@/lib/http/coded-error";
import { versionName } from "@/lib/versions/version-name";
import { listVersions } from "@/lib/versions/version-repository";

let projectId: string;
const user = {} as Record<"owner" | "translator" | "reviewer" | "viewer", { id: string; name: string }>;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Sign-off", qualityThreshold: 10 } })).id;
  for (const role of ["owner", "translator", "reviewer", "viewer"] as const) {
    const name = `${role[0]!.toUpperCase()}${role.slice(1)} Person`;
    const created = await prisma.user.create({ data: { email: `${role}@signoff.example`, name, passwordHash: "x" } });
    user[role] = { id: created.id, name };
    await prisma.membership.create({ data: { projectId, userId: created.id, role } });
  }
});

async function newDocument(paragraphs: string[]) {
  const { document } = await importText(prisma, { projectId, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: user.owner.id });
  const segments = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
  return { documentId: document.id, ids: segments.map((s) => s.id) };
}

async function translateAndConfirm(segmentId: string, text: string, actor = user.translator) {
  const current = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
  const outcome = await saveTranslation({ segmentId, target: text, baseVersion: current.version, confirm: true, actorId: actor.id, actorRole: "translator" });
  expect(outcome.kind).toBe("saved");
}

describe("sign-off", () => {
  it("is refused while a segment is not approved or an issue is open, and then freezes a version", async () => {
    const { documentId, ids } = await newDocument(["第一段。", "第二段。"]);
    await translateAndConfirm(ids[0]!, "The first paragraph.");
    await translateAndConfirm(ids[1]!, "The second paragraph.");
    await expect(signOff(documentId, user.reviewer)).rejects.toMatchObject({ code: "sign-off-not-approved", params: { count: 2, total: 2 }, status: 409 });
    await expect(signOff(documentId, user.reviewer)).rejects.toThrow("2 of 2 segments are not approved yet.");

    expect((await bulkApprove(documentId, ids, user.reviewer.id)).approved).toHaveLength(2);
    const issue = await addComment({ segmentId: ids[1]!, documentId, authorId: user.reviewer.id, body: "Check the term.", isIssue: true });
    expect(await signOffReadiness(documentId)).toMatchObject({ ready: false, openIssues: 1, notApproved: 0 });
    await expect(signOff(documentId, user.reviewer)).rejects.toBeInstanceOf(SignOffRefused);
    await expect(signOff(documentId, user.reviewer)).rejects.toMatchObject({ code: "sign-off-open-issues", params: { count: 1 } });
    expect((await signOffReadiness(documentId)).reasons).toEqual([{ code: "sign-off-open-issues", params: { count: 1 } }]);
    expect(errorMessage("sign-off-open-issues", { count: 1 }, "zh-CN")).toBe("1 个问题仍未解决：请先解决。");
    expect(await prisma.documentVersion.count({ where: { documentId } })).toBe(0);

    await changeComment(issue.id, user.translator.id, { op: "resolve" });
    const { version: signed } = await signOff(documentId, user.reviewer);
    // Stored under a neutral name; named in the reader's language from the version's kind, author and time.
    const label = signed.label;
    expect(versionName(signed, "en", "UTC")).toMatch(/^Signed off by Reviewer Person, \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(versionName(signed, "zh-CN", "UTC")).toMatch(/^由 Reviewer Person 签发，\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect((await listVersions(documentId, "zh-CN"))[0]!.label).toBe(versionName(signed, "zh-CN"));
    const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId } });
    expect(document).toMatchObject({ status: "approved", signedOffById: user.reviewer.id });
    const version = await prisma.documentVersion.findFirstOrThrow({ where: { documentId }, include: { segments: { orderBy: { position: "asc" } } } });
    expect(version).toMatchObject({ reason: "signoff", label });
    expect(version.segments.map((s) => [s.segmentId, s.target, s.status])).toEqual([
      [ids[0], "The first paragraph.", "approved"],
      [ids[1], "The second paragraph.", "approved"],
    ]);
    await expect(signOff(documentId, user.reviewer)).rejects.toMatchObject({ code: "sign-off-already" });
  });

  it("is reopened by any later change: an edit, a send-back, a join", async () => {
    const signedOff = async () => {
      const { documentId, ids } = await newDocument(["一。", "二。", "三。"]);
      for (const [i, id] of ids.entries()) await translateAndConfirm(id, `Number ${i + 1}.`);
      await bulkApprove(documentId, ids, user.reviewer.id);
      await signOff(documentId, user.owner);
      return { documentId, ids };
    };
    const stateOf = async (documentId: string) => (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).status;

    const a = await signedOff();
    const segment = await prisma.segment.findUniqueOrThrow({ where: { id: a.ids[0]! } });
    await saveTranslation({ segmentId: segment.id, target: "Number one.", baseVersion: segment.version, confirm: false, actorId: user.owner.id, actorRole: "owner" });
    expect(await stateOf(a.documentId)).toBe("in_progress");
    expect((await prisma.document.findUniqueOrThrow({ where: { id: a.documentId } })).signedOffAt).toBeNull();
    expect(await prisma.activityEvent.count({ where: { documentId: a.documentId, type: "document.reopened" } })).toBe(1);
    // the frozen version stays as it was
    expect((await prisma.versionSegment.findFirstOrThrow({ where: { segmentId: a.ids[0]! } })).target).toBe("Number 1.");

    const b = await signedOff();
    await applyTransition({ segmentId: b.ids[1]!, transition: "request_changes", actorId: user.reviewer.id, comment: "Spell it out." });
    expect(await stateOf(b.documentId)).toBe("in_progress");

    const c = await signedOff();
    await joinWithNext(c.ids[0]!, user.owner.id, () => true);
    expect(await stateOf(c.documentId)).toBe("in_progress");
  });
});

describe("send-back, quality and the activity log", () => {
  it("shows the translator the reviewer's comment and edit, scores the tagged error, and logs it all", async () => {
    const { documentId, ids } = await newDocument(["昆山高新区成立于1994年。", "第二段。"]);
    await translateAndConfirm(ids[0]!, "Kunshan Hi-Tech Zone was founded in 1994.");
    // The reviewer edits the text, then sends it back with a tagged error.
    const s = await prisma.segment.findUniqueOrThrow({ where: { id: ids[0]! } });
    await saveTranslation({ segmentId: s.id, target: "The Kunshan Hi-Tech Zone was set up in 1994.", baseVersion: s.version, confirm: false, actorId: user.reviewer.id, actorRole: "reviewer" });
    await applyTransition({
      segmentId: s.id,
      transition: "request_changes",
      actorId: user.reviewer.id,
      actorRole: "reviewer",
      comment: "Use the article; @Translator Person see my edit.",
      error: { category: "fluency", severity: "major" },
    });
    const note = await sendBackOf(s.id);
    expect(note).toMatchObject({
      reviewerName: "Reviewer Person",
      comment: "Use the article; @Translator Person see my edit.",
      errorCategory: "fluency",
      errorSeverity: "major",
      translatorText: "Kunshan Hi-Tech Zone was founded in 1994.",
      reviewerText: "The Kunshan Hi-Tech Zone was set up in 1994.",
      reviewerEdited: true,
    });
    expect(await sendBackOf(ids[1]!)).toBeNull();

    const { score, errors } = await qualityReport(documentId);
    expect(score).toMatchObject({ errors: 1, penalty: 5, sourceCharacters: 18, threshold: 10, passed: false });
    expect(score.penaltyPer1000).toBe(277.78);
    expect(errors[0]).toMatchObject({ segmentNumber: 1, category: "fluency", severity: "major" });

    // The translator fixes and confirms: no longer a send-back.
    await translateAndConfirm(s.id, "The Kunshan Hi-Tech Zone was established in 1994.");
    expect(await sendBackOf(s.id)).toBeNull();

    const log = await listActivity({ projectId, documentId });
    expect(log.items.map((i) => [i.type, i.actorName])).toEqual([
      ["segment.edited", "Translator Person"],
      ["segment.status_changed", "Reviewer Person"],
      ["segment.edited", "Reviewer Person"],
      ["segment.edited", "Translator Person"],
      ["document.imported", "Owner Person"],
    ]);
    expect(log.items[2]).toMatchObject({ actorRole: "reviewer", segmentNumber: 1 });
    const edits = await listActivity({ projectId, documentId, group: "edit", actorId: user.reviewer.id });
    expect(edits.items.map((i) => i.type)).toEqual(["segment.edited"]);
    const paged = await listActivity({ projectId, documentId, pageSize: 2, page: 2 });
    expect(paged.items.map((i) => i.type)).toEqual(["segment.edited", "segment.edited"]);
    expect(paged.hasMore).toBe(true);
  });
});

describe("assignment and My work", () => {
  it("assigns members who can do the job and lists what waits for each person", async () => {
    const { documentId, ids } = await newDocument(["甲。", "乙。", "丙。"]);
    await expect(assignDocument(documentId, { translatorId: user.viewer.id, reviewerId: null }, user.owner.id)).rejects.toBeInstanceOf(AssignmentRefused);
    await expect(assignDocument(documentId, { translatorId: null, reviewerId: user.translator.id }, user.owner.id)).rejects.toMatchObject({ code: "assignment-reviewer-role", status: 409 });
    await assignDocument(documentId, { translatorId: user.translator.id, reviewerId: user.reviewer.id }, user.owner.id);

    await translateAndConfirm(ids[0]!, "A.");
    await translateAndConfirm(ids[1]!, "B.");
    await applyTransition({ segmentId: ids[1]!, transition: "request_changes", actorId: user.reviewer.id, comment: "Not B." });
    await addComment({ segmentId: ids[2]!, documentId, authorId: user.reviewer.id, body: "@Translator Person this one is tricky", isIssue: false });

    const translatorWork = await myWork(user.translator.id);
    expect(translatorWork.toTranslate.find((d) => d.documentId === documentId)).toMatchObject({ count: 2, firstSegment: 2 });
    expect(translatorWork.sentBack.filter((s) => s.documentId === documentId)).toEqual([{ documentId, title: expect.any(String), segmentNumber: 2, comment: "Not B." }]);
    expect(translatorWork.mentions[0]).toMatchObject({ documentId, segmentNumber: 3, authorName: "Reviewer Person", resolved: false });

    const reviewerWork = await myWork(user.reviewer.id);
    expect(reviewerWork.toReview.find((d) => d.documentId === documentId)).toMatchObject({ count: 1, firstSegment: 1 });
    expect(reviewerWork.mentions).toEqual([]);
    expect((await myWork(user.viewer.id)).toTranslate).toEqual([]);
  });
});
