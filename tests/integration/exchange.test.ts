import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { ApplyRefused } from "@/lib/exchange/apply-guards";
import { applyTranslations, planTranslations } from "@/lib/exchange/apply-translations";
import { prepareExport } from "@/lib/exchange/export-document";
import { renderExport, type ExportFormatId } from "@/lib/exchange/formats";
import { createBilingualDocument } from "@/lib/exchange/import-bilingual";
import { readUpload } from "@/lib/exchange/read-upload";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { addComment } from "@/lib/review/comments";

let projectId: string;
let owner: { id: string; isAdmin: boolean };
let documentId: string;
let ids: string[];

const TEXTS: [string, string, string][] = [
  // source, target, status
  ["昆山高新区：凝聚奋进伟力", "Kunshan Hi-Tech Zone: pooling strength", "approved"],
  ["本报记者 叶伟", "By staff reporter Ye Wei", "reviewed"],
  ["“高”逐“新”的昆山 <&> 😀", "The “high” & the “new” <Kunshan> 😀 'quoted'", "translated"],
  ["1-5月，新增注册内资140亿元。\n第二行", "From January to May, 14 billion yuan.\nSecond line", "changes_requested"],
  ["草稿段落。", "A draft paragraph.", "draft"],
  ["未译段落。", "", "untranslated"],
];

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Exchange" } })).id;
  const user = await prisma.user.create({ data: { email: "o@exchange.example", name: "Olga", passwordHash: "x" } });
  owner = { id: user.id, isAdmin: false };
  await prisma.membership.create({ data: { projectId, userId: user.id, role: "owner" } });
  const text = TEXTS.map(([source]) => source.replace("\n", " ")).join("\n\n");
  documentId = (await importText(prisma, { projectId, text, acceptedJoins: [], origin: "test", actorId: user.id })).document.id;
  const segments = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  ids = segments.map((s) => s.id);
  for (const [i, [source, target, status]] of TEXTS.entries()) {
    await prisma.segment.update({ where: { id: ids[i] }, data: { source, target, status, version: 2 } });
    await prisma.revision.create({ data: { segmentId: ids[i]!, documentId, version: 2, kind: "edit", source, target, status, authorId: user.id } });
  }
  await addComment({ segmentId: ids[3]!, documentId, authorId: user.id, body: "Check **140亿**.", isIssue: false });
});

async function exported(format: ExportFormatId, scope: "all" | "approved" = "all") {
  const doc = await prepareExport(documentId, { format, scope, withComments: true }, owner.id);
  return { doc, file: await renderExport(format, doc) };
}

describe("round trips: export → read gives back the same segments", () => {
  for (const [format, name] of [["xliff-1.2", "a.xlf"], ["xliff-2.0", "b.xliff"], ["csv", "c.csv"], ["xlsx", "d.xlsx"]] as const) {
    it(`${format}: ids, kinds, sources, targets, statuses`, async () => {
      const { file } = await exported(format);
      const read = await readUpload(name, file);
      expect(read.kind).toBe("bilingual");
      if (read.kind !== "bilingual") return;
      expect(read.units.map((u) => [u.id, u.kind, u.source, u.target, u.status])).toEqual(
        TEXTS.map(([source, target, status], i) => [ids[i], i === 0 ? "heading" : expect.any(String), source, target, status]),
      );
      expect(read.units.every((u) => u.version === 2)).toBe(true);
    });
  }

  it("TMX holds the approved segments only, and reads back", async () => {
    const { file } = await exported("tmx");
    const read = await readUpload("e.tmx", file);
    expect(read.kind === "bilingual" && read.units.map((u) => [u.id, u.source, u.target])).toEqual([[ids[0], TEXTS[0]![0], TEXTS[0]![1]]]);
  });

  it("the DOCX review table reads back with each row's segment, version and texts", async () => {
    const { file } = await exported("docx-review");
    const read = await readUpload("f.docx", file);
    expect(read.kind).toBe("review-table");
    if (read.kind !== "review-table") return;
    expect(read.rows.map((r) => [r.segmentId, r.version, r.source, r.target])).toEqual(TEXTS.map(([source, target], i) => [ids[i], 2, source, target]));
  });

  it("imports an XLIFF as a new document with the same ids, texts and statuses once the original is gone", async () => {
    const { file } = await exported("xliff-1.2");
    const read = await readUpload("a.xlf", file);
    if (read.kind !== "bilingual") throw new Error("not bilingual");
    // Ids are in use while the original exists: the copy gets new ones.
    const copy = await createBilingualDocument({ projectId, title: "Copy", origin: "test", actorId: owner.id, units: read.units, format: read.format });
    const copySegments = await prisma.segment.findMany({ where: { documentId: copy.id }, orderBy: { position: "asc" } });
    expect(copySegments.map((s) => [s.source, s.target, s.status])).toEqual(TEXTS.map(([source, target, status]) => [source, target, status]));
    expect(copySegments.some((s) => ids.includes(s.id))).toBe(false);
    expect(await prisma.revision.count({ where: { documentId: copy.id, kind: "import", target: TEXTS[0]![1] } })).toBe(1);
    // In an installation without the original (here: after deleting it), the ids come back.
    const scratch = await prisma.project.create({ data: { name: "Scratch" } });
    const other = await importText(prisma, { projectId: scratch.id, text: "临时。", acceptedJoins: [], origin: "test", actorId: null });
    await prisma.document.delete({ where: { id: documentId } });
    const restored = await createBilingualDocument({ projectId: scratch.id, title: "Restored", origin: "test", actorId: null, units: read.units, format: read.format });
    expect((await prisma.segment.findMany({ where: { documentId: restored.id }, orderBy: { position: "asc" } })).map((s) => s.id)).toEqual(ids);
    // Put the original back for the other tests.
    await prisma.document.delete({ where: { id: restored.id } });
    await prisma.document.delete({ where: { id: other.document.id } });
    documentId = (await createBilingualDocument({ projectId, title: "Original", origin: "test", actorId: owner.id, units: read.units, format: read.format })).id;
    for (const [i, id] of ids.entries()) {
      await prisma.segment.update({ where: { id }, data: { version: 2 } });
      await prisma.revision.updateMany({ where: { segmentId: id }, data: { version: 2 } });
      expect(id).toBe(ids[i]);
    }
  });
});

/** Edits the English cell text in a review-table DOCX, as Word would save it. */
async function editDocx(file: Buffer, replacements: [string, string][]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  let xml = await zip.file("word/document.xml")!.async("string");
  for (const [from, to] of replacements) {
    expect(xml).toContain(from);
    xml = xml.replace(from, to);
  }
  zip.file("word/document.xml", xml);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("offline review round trip (DOCX)", () => {
  it("shows changed English cells as changes, flags edits made in the app meanwhile as conflicts, and applies only what is confirmed", async () => {
    const { file } = await exported("docx-review");
    const edited = await editDocx(file, [
      ["By staff reporter Ye Wei", "By our staff reporter Ye Wei"],
      ["A draft paragraph.", "A finished paragraph."],
    ]);
    // Meanwhile, in the app, someone edits the draft segment.
    const draft = await prisma.segment.findUniqueOrThrow({ where: { id: ids[4] } });
    await saveTranslation({ segmentId: draft.id, target: "A draft paragraph, edited in the app.", baseVersion: draft.version, confirm: false, actorId: owner.id });

    const read = await readUpload("review.docx", edited);
    if (read.kind !== "review-table") throw new Error("not a review table");
    const plan = await planTranslations(documentId, read.rows.map((r) => ({ segmentId: r.segmentId, target: r.target, exportedVersion: r.version })), owner, "owner");
    expect(plan.unchanged).toBe(4);
    expect(plan.changes.map((c) => [c.number, c.current, c.incoming, c.conflict])).toEqual([
      [2, "By staff reporter Ye Wei", "By our staff reporter Ye Wei", false],
      [5, "A draft paragraph, edited in the app.", "A finished paragraph.", true],
    ]);
    expect(plan.changes[1]!.exported).toBe("A draft paragraph.");

    const before = await prisma.revision.count({ where: { documentId } });
    // A change whose segment moved on since the preview: nothing is applied.
    await expect(
      applyTranslations({ documentId, changes: plan.changes.map((c) => ({ segmentId: c.segmentId, version: c.version - 1, target: c.incoming })), actor: owner, role: "owner", origin: "review.docx" }),
    ).rejects.toBeInstanceOf(ApplyRefused);
    expect(await prisma.revision.count({ where: { documentId } })).toBe(before);

    const result = await applyTranslations({ documentId, changes: [plan.changes[0]!].map((c) => ({ segmentId: c.segmentId, version: c.version, target: c.incoming })), actor: owner, role: "owner", origin: "review.docx" });
    expect(result.applied).toBe(1);
    const applied = await prisma.segment.findUniqueOrThrow({ where: { id: ids[1] } });
    expect(applied).toMatchObject({ target: "By our staff reporter Ye Wei", status: "translated" });
    expect((await prisma.segment.findUniqueOrThrow({ where: { id: ids[4] } })).target).toBe("A draft paragraph, edited in the app.");
  });
});
