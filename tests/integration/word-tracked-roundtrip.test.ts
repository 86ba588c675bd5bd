/**
 * The Word round trip with tracked changes and comments (issue 21), against a real SQLite file:
 * export with the reviewer's edits as Word revisions, a file edited with Track Changes coming
 * back, each change accepted or rejected, comments into threads, conflicts, and hostile files.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { prepareExport } from "@/lib/exchange/export-document";
import { renderExport, type ExportFormatId } from "@/lib/exchange/formats";
import { readUpload } from "@/lib/exchange/read-upload";
import { applyTrackedImport, type TrackedDecision } from "@/lib/exchange/tracked/tracked-apply";
import { hasTrackedWork, planTrackedImport, type TrackedPlan } from "@/lib/exchange/tracked/tracked-plan";
import type { TrackOption } from "@/lib/exchange/tracked/tracked-export";
import { acceptAll, rejectAll } from "@/lib/exchange/tracked/tracked-text";
import { createVersion } from "@/lib/versions/version-repository";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { addComment } from "@/lib/review/comments";
import { buildZip } from "./zip-builder";

let projectId: string;
let documentId: string;
let ids: string[];
const users: Record<"owner" | "translator" | "reviewer", { id: string; isAdmin: boolean }> = {} as never;

const SOURCES = ["昆山高新区凝聚奋进伟力", "本报记者 叶伟", "1-5月，新增注册内资140亿元。", "草稿段落。"];
const TRANSLATED = ["Kunshan Hi-Tech Zone pools its strength", "By staff reporter Ye Wei", "From January to May, 14 billion yuan of domestic capital was registered.", "A draft paragraph."];
const REVIEWED = ["Kunshan High-Tech Zone pools strength for progress", "By staff reporter Ye Wei", "From January to May, newly registered domestic capital reached 14 billion yuan.", "A draft paragraph."];

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Word round trip" } })).id;
  for (const [role, name] of [
    ["owner", "Olga Owner"],
    ["translator", "Tom Translator"],
    ["reviewer", "Rita Reviewer"],
  ] as const) {
    const user = await prisma.user.create({ data: { email: `${role}@word.example`, name, passwordHash: "x" } });
    await prisma.membership.create({ data: { projectId, userId: user.id, role } });
    users[role] = { id: user.id, isAdmin: false };
  }
  documentId = (await importText(prisma, { projectId, text: SOURCES.join("\n\n"), acceptedJoins: [], origin: "test", actorId: users.owner.id })).document.id;
  await prisma.document.update({ where: { id: documentId }, data: { translatorId: users.translator.id, reviewerId: users.reviewer.id } });
  ids = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } })).map((s) => s.id);
  for (const [i, id] of ids.entries()) {
    const s = await prisma.segment.findUniqueOrThrow({ where: { id } });
    await saveTranslation({ segmentId: id, target: TRANSLATED[i]!, baseVersion: s.version, confirm: i < 3, actorId: users.translator.id, actorRole: "translator" });
  }
  await createVersion(documentId, "Translated", users.owner.id);
  await new Promise((r) => setTimeout(r, 1100)); // the reviewer's edits a second later than the version
  for (const [i, id] of ids.entries()) {
    if (REVIEWED[i] === TRANSLATED[i]) continue;
    const s = await prisma.segment.findUniqueOrThrow({ where: { id } });
    await saveTranslation({ segmentId: id, target: REVIEWED[i]!, baseVersion: s.version, confirm: false, actorId: users.reviewer.id, actorRole: "reviewer" });
  }
  const root = await addComment({ segmentId: ids[0]!, documentId, authorId: users.reviewer.id, body: "Is “High-Tech” the zone's official name?", isIssue: false });
  await addComment({ segmentId: ids[0]!, documentId, authorId: users.translator.id, body: "Yes, on its English site.", isIssue: false, parentId: root.id });
});

async function exportFile(format: ExportFormatId, track?: TrackOption) {
  const doc = await prepareExport(documentId, { format, scope: "all", withComments: true, track }, users.owner.id);
  return { doc, file: await renderExport(format, doc) };
}

async function tracked(name: string, file: Buffer) {
  const read = await readUpload(name, file);
  if (read.kind !== "review-table" || !read.tracked) throw new Error("not Duizhao's Word file");
  return read.tracked;
}

/** What Word writes when a reviewer with Track Changes on replaces `find` (inside one run) by `replace`. */
function wordReplace(xml: string, find: string, replace: string, author: string, date: string, id: number): string {
  const at = xml.indexOf(find);
  expect(at, find).toBeGreaterThan(0);
  const runStart = xml.lastIndexOf("<w:r>", at);
  const textStart = xml.indexOf(">", xml.indexOf("<w:t", runStart)) + 1;
  const runEnd = xml.indexOf("</w:r>", at) + "</w:r>".length;
  const text = xml.slice(textStart, xml.indexOf("</w:t>", at));
  const [before, after] = [text.slice(0, text.indexOf(find)), text.slice(text.indexOf(find) + find.length)];
  const run = (t: string) => (t ? `<w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">${t}</w:t></w:r>` : "");
  const tracked = `${find ? `<w:del w:id="${id}" w:author="${author}" w:date="${date}"><w:r><w:delText xml:space="preserve">${find}</w:delText></w:r></w:del>` : ""}${replace ? `<w:ins w:id="${id + 1}" w:author="${author}" w:date="${date}">${run(replace)}</w:ins>` : ""}`;
  return xml.slice(0, runStart) + run(before) + tracked + run(after) + xml.slice(runEnd);
}

async function edit(file: Buffer, change: (xml: string) => string, comments?: (xml: string | null) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  zip.file("word/document.xml", change(await zip.file("word/document.xml")!.async("string")));
  if (comments) zip.file("word/comments.xml", comments((await zip.file("word/comments.xml")?.async("string")) ?? null));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const decide = (plan: TrackedPlan, accepted: (segment: number, change: { added: string; removed: string; author: string | null }) => boolean, who: (author: string | null) => string): TrackedDecision[] =>
  plan.segments.map((s) => ({
    segmentId: s.segmentId,
    version: s.version,
    atoms: s.atoms,
    placeholder: s.placeholder,
    changes: s.changes.map((c) => ({ key: c.key, accepted: accepted(s.number, c), userId: who(c.author), date: c.date })),
    comments: s.comments.map((c) => ({ key: c.key, userId: who(c.author), text: c.text, parentKey: c.parentKey, parentCommentId: c.parentCommentId })),
  }));

describe("export with tracked changes", () => {
  it("the reviewer's edits since the translator confirmed are Word revisions by the reviewer: accept all = now, reject all = the translator's text", async () => {
    const { doc, file } = await exportFile("docx-review", { mode: "since-confirmed" });
    expect(doc.segments.map((s) => s.tracked?.author ?? null)).toEqual(["Rita Reviewer", null, "Rita Reviewer", null]);
    const read = await tracked("r.docx", file);
    expect(read.units.map((u) => acceptAll(u.atoms))).toEqual(REVIEWED);
    expect(read.units.map((u) => rejectAll(u.atoms))).toEqual([TRANSLATED[0], TRANSLATED[1], TRANSLATED[2], REVIEWED[3]]);
    expect(new Set(Object.values(read.changes).map((c) => c.author))).toEqual(new Set(["Rita Reviewer"]));
    expect(read.comments.map((c) => [c.author, c.parentId !== null])).toEqual([
      ["Rita Reviewer", false],
      ["Tom Translator", true],
    ]);
  });

  it("between a version and now, in the English-only file too", async () => {
    const version = await prisma.documentVersion.findFirstOrThrow({ where: { documentId, label: "Translated" } });
    const { file } = await exportFile("docx-target", { mode: "versions", from: version.id, to: "now" });
    const read = await tracked("e.docx", file);
    expect(read.layout).toBe("english");
    expect(read.units.map((u) => [acceptAll(u.atoms), rejectAll(u.atoms)])).toEqual(REVIEWED.map((r, i) => [r, TRANSLATED[i]]));
  });

  it("the same file coming back untouched changes nothing: Duizhao's own changes and comments are recognised", async () => {
    const { file } = await exportFile("docx-review", { mode: "since-confirmed" });
    const plan = await planTrackedImport(documentId, await tracked("same.docx", file), users.reviewer, "reviewer");
    expect(plan.segments).toEqual([]);
    expect(plan.unchanged).toBe(4);
    expect(hasTrackedWork(plan)).toBe(false);
  });
});

describe("import of a file edited with Track Changes", () => {
  it("shows each change with its author, untracked edits and conflicts; accepted changes become revisions with the reviewer's role, comments thread comments", async () => {
    const { file } = await exportFile("docx-review", { mode: "since-confirmed" });
    const edited = await edit(
      file,
      (xml) => {
        let out = wordReplace(xml, "By staff reporter", "By our staff reporter", "Rita Reviewer", "2026-12-01T17:00:00Z", 900);
        out = wordReplace(out, "A draft paragraph.", "A finished paragraph.", "Lee Subeditor", "2026-12-01T17:05:00Z", 910);
        out = out.replace("Ye Wei</w:t>", "Ye Wei (Kunshan)</w:t>"); // typed with tracking off
        // Lee's comment on the first segment, and a reply to Rita's exported comment.
        // (anchored on the Chinese: comments anywhere in a segment's row are the segment's)
        const chinese = '<w:pStyle w:val="heading"/></w:pPr><w:r><w:t xml:space="preserve">昆山高新区凝聚奋进伟力</w:t></w:r>';
        expect(out).toContain(chinese);
        out = out.replace(chinese, `${chinese}<w:commentRangeStart w:id="50"/><w:commentRangeEnd w:id="50"/><w:r><w:commentReference w:id="50"/></w:r>`);
        return out;
      },
      (xml) => xml!.replace("</w:comments>", '<w:comment w:id="50" w:author="Lee Subeditor" w:date="2026-12-01T17:06:00Z"><w:p><w:r><w:t>Check the @Rita Reviewer spelling.</w:t></w:r></w:p></w:comment></w:comments>'),
    );
    // Meanwhile in Duizhao, the translator edits the draft segment: a conflict.
    const draft = await prisma.segment.findUniqueOrThrow({ where: { id: ids[3] } });
    await saveTranslation({ segmentId: draft.id, target: "A draft paragraph, revised.", baseVersion: draft.version, confirm: false, actorId: users.translator.id, actorRole: "translator" });

    const plan = await planTrackedImport(documentId, await tracked("edited.docx", edited), users.reviewer, "reviewer");
    expect(hasTrackedWork(plan)).toBe(true);
    expect(plan.authors).toEqual([
      { name: "Lee Subeditor", suggestedUserId: null },
      { name: "Rita Reviewer", suggestedUserId: users.reviewer.id },
    ]);
    const view = plan.segments.map((s) => [s.number, s.conflict, s.changes.map((c) => [c.kind, c.tracked, c.author, c.removed, c.added]), s.comments.map((c) => [c.author, c.text, c.parentCommentId !== null])]);
    expect(view).toEqual([
      [1, false, [], [["Lee Subeditor", "Check the @Rita Reviewer spelling.", false]]],
      [2, false, [["delete", true, "Rita Reviewer", "By staff reporter", ""], ["insert", true, "Rita Reviewer", "", "By our staff reporter"], ["insert", false, null, "", " (Kunshan)"]], []],
      [4, true, [["delete", true, "Lee Subeditor", "A draft paragraph.", ""], ["insert", true, "Lee Subeditor", "", "A finished paragraph."]], []],
    ]);

    // Accept Rita's deletion and insertion, reject the untracked edit; leave the conflict out.
    const decisions = decide(plan, (n, c) => n === 2 && c.author === "Rita Reviewer", () => users.reviewer.id).filter((d) => d.segmentId !== ids[3]);
    const revisionsBefore = await prisma.revision.count({ where: { documentId } });
    const result = await applyTrackedImport({ documentId, decisions, actor: users.reviewer, role: "reviewer", origin: "upload:edited.docx" });
    expect(result).toEqual({ revisions: 1, comments: 1, rejected: 1 });
    const segments = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    expect(segments.map((s) => s.target)).toEqual([REVIEWED[0], "By our staff reporter Ye Wei", REVIEWED[2], "A draft paragraph, revised."]);
    const revision = await prisma.revision.findFirstOrThrow({ where: { segmentId: ids[1] }, orderBy: { version: "desc" } });
    expect([revision.authorId, revision.authorRole, revision.kind, revision.target]).toEqual([users.reviewer.id, "reviewer", "edit", "By our staff reporter Ye Wei"]);
    expect(await prisma.revision.count({ where: { documentId } })).toBe(revisionsBefore + 1);
    const comment = await prisma.comment.findFirstOrThrow({ where: { segmentId: ids[0], body: { startsWith: "Check the" } } });
    expect([comment.authorId, comment.parentId]).toEqual([users.reviewer.id, null]);
    expect(await prisma.mention.count({ where: { commentId: comment.id, userId: users.reviewer.id } })).toBe(1);
  });

  it("a Word reply to an exported comment joins its thread; two authors' accepted changes are two revisions, each with its author's role", async () => {
    const { file } = await exportFile("docx-review", { mode: "versions", from: "now", to: "now" });
    const rootComment = await prisma.comment.findFirstOrThrow({ where: { segmentId: ids[0], parentId: null } });
    const edited = await edit(
      file,
      (xml) => {
        let out = wordReplace(xml, "pools strength", "gathers strength", "Tom Translator", "2026-12-01T18:00:00Z", 700);
        out = wordReplace(out, "for progress", "for growth", "Rita Reviewer", "2026-12-01T18:10:00Z", 710);
        return out.replace("<w:commentRangeEnd w:id=\"0\"/>", '<w:commentRangeStart w:id="60"/><w:commentRangeEnd w:id="60"/><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="60"/></w:r>');
      },
      (xml) =>
        xml!.replace("</w:comments>", '<w:comment w:id="60" w:author="Rita Reviewer" w:date="2026-12-01T18:11:00Z"><w:p w14:paraId="7A000001"><w:r><w:t>Thanks, agreed.</w:t></w:r></w:p></w:comment></w:comments>'),
    );
    const zip = await JSZip.loadAsync(edited);
    const extended = await zip.file("word/commentsExtended.xml")!.async("string");
    const rootPara = /w15:paraId="([0-9A-F]+)"/.exec(extended)![1];
    zip.file("word/commentsExtended.xml", extended.replace("</w15:commentsEx>", `<w15:commentEx w15:paraId="7A000001" w15:paraIdParent="${rootPara}"/></w15:commentsEx>`));
    const plan = await planTrackedImport(documentId, await tracked("two.docx", await zip.generateAsync({ type: "nodebuffer" })), users.owner, "owner");
    const first = plan.segments.find((s) => s.number === 1)!;
    expect(first.comments.map((c) => [c.author, c.text, c.parentCommentId])).toEqual([["Rita Reviewer", "Thanks, agreed.", rootComment.id]]);
    const who = (author: string | null) => (author === "Tom Translator" ? users.translator.id : users.reviewer.id);
    await applyTrackedImport({ documentId, decisions: decide(plan, () => true, who).filter((d) => d.segmentId === ids[0]), actor: users.owner, role: "owner", origin: "upload:two.docx" });
    const revisions = await prisma.revision.findMany({ where: { segmentId: ids[0] }, orderBy: { version: "desc" }, take: 2 });
    expect(revisions.map((r) => [r.target, r.authorRole])).toEqual([
      ["Kunshan High-Tech Zone gathers strength for growth", "reviewer"],
      ["Kunshan High-Tech Zone gathers strength for progress", "translator"],
    ]);
    expect(await prisma.comment.count({ where: { parentId: rootComment.id, body: "Thanks, agreed." } })).toBe(1);
  });

  it("refuses changes attributed to a non-member and a segment changed since the preview, writing nothing", async () => {
    const { file } = await exportFile("docx-review");
    const edited = await edit(file, (xml) => wordReplace(xml, "By our staff reporter", "By staff correspondent", "Rita Reviewer", "2026-12-01T19:00:00Z", 800));
    const plan = await planTrackedImport(documentId, await tracked("x.docx", edited), users.reviewer, "reviewer");
    const outsider = await prisma.user.create({ data: { email: "outsider@word.example", name: "Outsider", passwordHash: "x" } });
    const before = await prisma.revision.count({ where: { documentId } });
    await expect(applyTrackedImport({ documentId, decisions: decide(plan, () => true, () => outsider.id), actor: users.reviewer, role: "reviewer", origin: "x" })).rejects.toThrow(/not a member/);
    const s = await prisma.segment.findUniqueOrThrow({ where: { id: ids[1] } });
    await saveTranslation({ segmentId: s.id, target: "By staff reporter Ye Wei.", baseVersion: s.version, confirm: false, actorId: users.translator.id, actorRole: "translator" });
    await expect(applyTrackedImport({ documentId, decisions: decide(plan, () => true, () => users.reviewer.id), actor: users.reviewer, role: "reviewer", origin: "x" })).rejects.toThrow(/changed since the preview/);
    expect(await prisma.revision.count({ where: { documentId } })).toBe(before + 1);
  });
});

describe("hostile Word files meet the same limits as every Office file", () => {
  const entity = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:comments xmlns:w="w"><w:comment w:id="0"><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:comment></w:comments>';
  const deep = `<w:comments xmlns:w="w">${"<w:p>".repeat(400)}${"</w:p>".repeat(400)}</w:comments>`;
  it.each([
    ["an entity-declaring comments part", { name: "word/comments.xml", content: entity }, /declares its own XML entities/],
    ["a comments part nested 400 levels", { name: "word/comments.xml", content: deep }, /more than 250 levels/],
    ["a comments part that unpacks to 300 MB", { name: "word/comments.xml", zerosMiB: 300 }, /expands to more than/],
    ["a comments part lying about its size", { name: "word/commentsExtended.xml", zerosMiB: 2, declaredSize: 100 }, /more than the size the file declares/],
  ] as const)("%s is refused", async (_, part, message) => {
    const { file } = await exportFile("docx-review", { mode: "since-confirmed" });
    const zip = await JSZip.loadAsync(file);
    const entries = await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir && f.name !== part.name)
        .map(async (f) => ({ name: f.name, content: await f.async("nodebuffer") })),
    );
    await expect(readUpload("hostile.docx", buildZip([...entries, part]))).rejects.toThrow(message);
  });
});
