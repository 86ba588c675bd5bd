import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { applyReplace, previewReplace } from "@/lib/revisions/replace-in-document";

let documentId: string;
const translator = { id: "", isAdmin: false };
const spec = { find: "Hi-Tech", replace: "High-Tech", regex: false, matchCase: true };

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Replace" } });
  translator.id = (await prisma.user.create({ data: { email: "t@replace.example", name: "T", passwordHash: "x" } })).id;
  documentId = (await importText(prisma, { projectId: project.id, text: "一。\n\n二。\n\n三。\n\n四。", acceptedJoins: "all", origin: "test", actorId: null })).document.id;
  const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  const targets = ["Kunshan Hi-Tech Zone.", "The Hi-Tech Zone grew.", "Nothing to change.", "Approved Hi-Tech text."];
  for (const [i, s] of rows.entries()) {
    await prisma.segment.update({ where: { id: s.id }, data: { target: targets[i]!, status: i === 3 ? "approved" : "translated" } });
  }
});

describe("find and replace across a document", () => {
  it("previews every change and marks what the translator may not edit", async () => {
    const preview = await previewReplace(documentId, spec, translator, "translator");
    expect(Array.isArray(preview) && preview.map((c) => [c.position, c.after, c.skipReason])).toEqual([
      [0, "Kunshan High-Tech Zone.", null],
      [1, "The High-Tech Zone grew.", null],
      [3, "Approved High-Tech text.", { code: "reimport-role-cannot-edit", params: { status: "approved" } }],
    ]);
  });

  it("applies only to editable segments, as revisions, and reports segments changed since the preview", async () => {
    const preview = await previewReplace(documentId, spec, translator, "translator");
    if (!Array.isArray(preview)) throw new Error("preview failed");
    // Someone edits segment 2 between preview and apply.
    const second = preview[1]!;
    await prisma.segment.update({ where: { id: second.segmentId }, data: { target: "The Hi-Tech Zone grew fast.", version: { increment: 1 } } });
    const result = await applyReplace(documentId, spec, preview.map((c) => ({ segmentId: c.segmentId, version: c.version })), translator, "translator");
    expect("applied" in result && result.applied.map((s) => s.target)).toEqual(["Kunshan High-Tech Zone."]);
    expect("skipped" in result && result.skipped).toEqual([
      { position: 1, code: "replace-changed-since-preview" },
      { position: 3, code: "reimport-role-cannot-edit", params: { status: "approved" } },
    ]);
    const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.target)).toEqual(["Kunshan High-Tech Zone.", "The Hi-Tech Zone grew fast.", "Nothing to change.", "Approved Hi-Tech text."]);
    expect(await prisma.revision.count({ where: { segmentId: rows[0]!.id, kind: "edit", authorId: translator.id } })).toBe(1);
  });
});
