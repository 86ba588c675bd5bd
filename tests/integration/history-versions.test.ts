import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { joinWithNext, splitSegment } from "@/lib/revisions/restructure";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { restoreRevision, RestoreRefused, segmentHistory } from "@/lib/revisions/segment-history";
import { addComment, changeComment } from "@/lib/review/comments";
import { reviewBaselines } from "@/lib/review/since-my-review";
import { applyTransition } from "@/lib/review/status-changes";
import { comparisonToDocx, comparisonToHtml } from "@/lib/versions/comparison-export";
import { compareVersions, createVersion, listVersions } from "@/lib/versions/version-repository";

let projectId: string;
let translator: string;
let reviewer: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "History" } })).id;
  translator = (await prisma.user.create({ data: { email: "t@history.example", name: "Tess", passwordHash: "x" } })).id;
  reviewer = (await prisma.user.create({ data: { email: "r@history.example", name: "Rex", passwordHash: "x" } })).id;
});

async function newDocument(paragraphs: string[]) {
  const { document } = await importText(prisma, { projectId, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: null });
  const ids = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } })).map((s) => s.id);
  return { documentId: document.id, ids };
}

async function save(segmentId: string, target: string, actorId = translator, confirm = false) {
  const s = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
  const outcome = await saveTranslation({ segmentId, target, baseVersion: s.version, confirm, actorId, actorRole: actorId === reviewer ? "reviewer" : "translator" });
  expect(outcome.kind).toBe("saved");
}

describe("segment history and restore", () => {
  it("lists every revision with comments and resolutions in one timeline, and restores an old text as a new revision", async () => {
    const { ids } = await newDocument(["第一段。"]);
    const id = ids[0]!;
    await save(id, "First draft.");
    await save(id, "Second draft.", translator, true);
    const comment = await addComment({ segmentId: id, documentId: (await prisma.segment.findUniqueOrThrow({ where: { id } })).documentId, authorId: reviewer, body: "Why second?", isIssue: true });
    await changeComment(comment.id, translator, { op: "resolve" });
    await applyTransition({ segmentId: id, transition: "approve", actorId: reviewer });
    await save(id, "Third text.", reviewer);

    const history = await segmentHistory(id);
    expect(history.map((e) => (e.type === "revision" ? `${e.kind}:v${e.version}:${e.target}` : e.type))).toEqual([
      "import:v1:",
      "edit:v2:First draft.",
      "edit:v3:Second draft.",
      "comment",
      "comment_resolved",
      "status:v4:Second draft.",
      "edit:v5:Third text.",
    ]);
    const v2 = history.find((e) => e.type === "revision" && e.version === 2)!;
    const last = history.at(-1)!;
    expect(last).toMatchObject({ authorName: "Rex", authorRole: "reviewer" });

    const restored = await restoreRevision({ segmentId: id, revisionId: v2.id, baseVersion: 5, actorId: translator, actorRole: "translator" });
    expect(restored).toMatchObject({ kind: "saved", segment: { target: "First draft.", version: 6, status: "translated" } });
    const revision = await prisma.revision.findFirstOrThrow({ where: { segmentId: id, version: 6 } });
    expect(revision).toMatchObject({ kind: "restore", target: "First draft.", note: JSON.stringify({ restoredFrom: 2 }) });

    // Stale: based on version 5, but the segment is at 6 now — a conflict, nothing written.
    expect((await restoreRevision({ segmentId: id, revisionId: v2.id, baseVersion: 5, actorId: translator })).kind).toBe("conflict");
    const other = await newDocument(["别的。"]);
    await expect(restoreRevision({ segmentId: other.ids[0]!, revisionId: v2.id, baseVersion: 1, actorId: translator })).rejects.toBeInstanceOf(RestoreRefused);
    expect(await prisma.revision.count({ where: { segmentId: id } })).toBe(6);
  });

  it("gives all 500 revisions of a long-edited segment, in version order (its speed is measured by npm run bench)", async () => {
    const { ids } = await newDocument(["长历史。"]);
    for (let i = 1; i <= 500; i++) await save(ids[0]!, `Text number ${i}.`);
    const history = await segmentHistory(ids[0]!);
    expect(history).toHaveLength(501);
    expect(history.map((e) => (e.type === "revision" ? e.version : 0))).toEqual(Array.from({ length: 501 }, (_, i) => i + 1));
  });
});

describe("document versions", () => {
  it("compares a version with now: exactly the two edited segments, a join and a split by identity", async () => {
    const { documentId, ids } = await newDocument(["一。", "二。", "三。", "四。", "五。"]);
    for (const [i, id] of ids.entries()) await save(id, `Number ${i + 1}.`);
    const version = await createVersion(documentId, "Before copy-edit", translator);
    expect((await listVersions(documentId, "en"))[0]).toMatchObject({ label: "Before copy-edit", reason: "manual", authorName: "Tess", segments: 5 });
    expect(await prisma.activityEvent.count({ where: { documentId, type: "document.version_created" } })).toBe(1);

    await save(ids[1]!, "Number two.");
    await save(ids[3]!, "Number four.");
    let comparison = await compareVersions(documentId, version.id, "now");
    expect(comparison.summary).toEqual({ changed: 2, added: 0, removed: 0, joined: 0, split: 0, unchanged: 3 });
    expect(comparison.changes.map((c) => [c.segmentId, c.before?.target, c.after?.target])).toEqual([
      [ids[1], "Number 2.", "Number two."],
      [ids[3], "Number 4.", "Number four."],
    ]);
    // Either order of arguments gives older → newer.
    expect((await compareVersions(documentId, "now", version.id)).older.label).toBe("Before copy-edit");

    await joinWithNext(ids[0]!, translator, () => true); // #2 goes into #1
    await splitSegment(ids[4]!, 1, null, translator, () => true);
    comparison = await compareVersions(documentId, version.id, "now");
    expect(comparison.summary).toMatchObject({ joined: 1, split: 1 });
    expect(comparison.changes.find((c) => c.kind === "joined")).toMatchObject({ segmentId: ids[1], relatedId: ids[0], relatedNumber: 1 });
    expect(comparison.changes.find((c) => c.kind === "split")).toMatchObject({ relatedId: ids[4] });

    const html = await comparisonToHtml(comparison, { projectName: "History", documentTitle: "一 <b>", sourceLang: "zh-CN", targetLang: "en-US" });
    expect(html).toContain("一 &lt;b&gt;");
    expect(html).toContain("<del>");
    expect(html).toContain("Joined");
    const docx = await comparisonToDocx(comparison, { projectName: "History", documentTitle: "一", sourceLang: "zh-CN", targetLang: "en-US" });
    expect(docx.subarray(0, 2).toString()).toBe("PK");
    await expect(compareVersions(documentId, "no-such-version", "now")).rejects.toThrow(/does not belong/);
    await expect(createVersion(documentId, "   ", translator)).rejects.toThrow(/name/);
  });
});

describe("changes since my last review", () => {
  it("remembers the text each segment had when this reviewer last approved it", async () => {
    const { documentId, ids } = await newDocument(["甲。", "乙。"]);
    await save(ids[0]!, "A.", translator, true);
    await save(ids[1]!, "B.", translator, true);
    await applyTransition({ segmentId: ids[0]!, transition: "approve", actorId: reviewer });
    await save(ids[0]!, "A, revised.", translator, true);
    expect(await reviewBaselines(documentId, reviewer)).toEqual({ [ids[0]!]: "A." });
    await applyTransition({ segmentId: ids[0]!, transition: "approve", actorId: reviewer });
    expect(await reviewBaselines(documentId, reviewer)).toEqual({ [ids[0]!]: "A, revised." });
    expect(await reviewBaselines(documentId, translator)).toEqual({});
  });
});
