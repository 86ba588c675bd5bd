import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { glossaryFromCsv, glossaryFromTbx, glossaryToCsv, glossaryToTbx } from "@/lib/glossary/glossary-files";
import { deleteTerm, importTerms, listGlossary, saveTerm } from "@/lib/glossary/glossary-repository";
import { exportMemoryTmx, importMemoryTmx, lookupMemory, memoryStats } from "@/lib/memory/memory-service";
import { pretranslate } from "@/lib/mt/pretranslate";
import type { MtProvider } from "@/lib/mt/providers";
import { MtError } from "@/lib/mt/providers";
import { ignoreFinding, listIgnores, unignoreFinding } from "@/lib/qa/qa-ignores";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { bulkApprove } from "@/lib/review/bulk-approve";

let projectId: string;
let userId: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Memory" } })).id;
  userId = (await prisma.user.create({ data: { email: "m@memory.example", name: "Mia", passwordHash: "x" } })).id;
});

async function document(paragraphs: string[]) {
  const { document } = await importText(prisma, { projectId, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: userId });
  return { documentId: document.id, ids: (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } })).map((s) => s.id) };
}

describe("translation memory", () => {
  it("learns approved segments and offers them as fuzzy matches; a TMX goes in and out", async () => {
    const { documentId, ids } = await document(["昆山高新区成立于1994年。", "今天天气很好。"]);
    await saveTranslation({ segmentId: ids[0]!, target: "Kunshan Hi-Tech Zone was founded in 1994.", baseVersion: 1, confirm: true, actorId: userId });
    await saveTranslation({ segmentId: ids[1]!, target: "The weather is fine today.", baseVersion: 1, confirm: true, actorId: userId });
    expect(await lookupMemory(projectId, "昆山高新区成立于1995年。")).toEqual([]);
    await bulkApprove(documentId, ids, userId);
    expect((await memoryStats(projectId)).project).toBe(2);
    const matches = await lookupMemory(projectId, "昆山高新区成立于1995年。");
    expect(matches).toEqual([expect.objectContaining({ target: "Kunshan Hi-Tech Zone was founded in 1994.", score: 92, shared: false })]);

    const tmx = await exportMemoryTmx(projectId, "memory");
    expect(tmx).toContain("<tu ");
    const other = (await prisma.project.create({ data: { name: "Other memory" } })).id;
    expect(await importMemoryTmx(other, Buffer.from(tmx), "m.tmx", { source: "zh-CN", target: "en-US" })).toEqual({ added: 2, skipped: 0 });
    expect(await importMemoryTmx(other, Buffer.from(tmx), "m.tmx", { source: "zh-CN", target: "en-US" })).toEqual({ added: 0, skipped: 2 });
    expect((await lookupMemory(other, "今天天气很好。"))[0]).toMatchObject({ score: 100, target: "The weather is fine today.", origin: "tmx:m.tmx" });
  });

  it("never offers a segment its own current text as a match of itself; other translations of it still come", async () => {
    const { documentId, ids } = await document(["自我匹配的句子。"]);
    await saveTranslation({ segmentId: ids[0]!, target: "A sentence that matches itself.", baseVersion: 1, confirm: true, actorId: userId });
    await bulkApprove(documentId, ids, userId);
    expect(await lookupMemory(projectId, "自我匹配的句子。", 3, "A sentence that matches itself.")).toEqual([]);
    // Whitespace around the text does not make it a different suggestion.
    expect(await lookupMemory(projectId, "自我匹配的句子。", 3, " A sentence that matches itself. ")).toEqual([]);
    // The same unit is a real suggestion for a segment whose text differs (or is empty).
    expect(await lookupMemory(projectId, "自我匹配的句子。", 3, "Something else.")).toEqual([expect.objectContaining({ score: 100, target: "A sentence that matches itself." })]);
    expect(await lookupMemory(projectId, "自我匹配的句子。")).toEqual([expect.objectContaining({ score: 100 })]);
  });

  it("shares approvals across projects when the project opts in", async () => {
    await prisma.project.update({ where: { id: projectId }, data: { sharedMemory: true } });
    const { documentId, ids } = await document(["共享记忆库的句子。"]);
    await saveTranslation({ segmentId: ids[0]!, target: "A sentence for the shared memory.", baseVersion: 1, confirm: true, actorId: userId });
    await bulkApprove(documentId, ids, userId);
    const third = await prisma.project.create({ data: { name: "Third", sharedMemory: true } });
    expect((await lookupMemory(third.id, "共享记忆库的句子。"))[0]).toMatchObject({ shared: true, score: 100 });
    const closed = await prisma.project.create({ data: { name: "Closed" } });
    expect(await lookupMemory(closed.id, "共享记忆库的句子。")).toEqual([]);
  });
});

describe("glossary", () => {
  it("adds, refuses duplicates, edits, deletes, and round-trips CSV and TBX", async () => {
    const term = await saveTerm(projectId, { source: "高新区", target: "Hi-Tech Zone", note: "", forbidden: false }, userId);
    await expect(saveTerm(projectId, { source: "高新区", target: "Hi-Tech Zone", note: "", forbidden: false }, userId)).rejects.toThrow(/already in the glossary/);
    await expect(saveTerm(projectId, { source: "高新区", target: " ", note: "", forbidden: false }, userId)).rejects.toThrow(/needs its English/);
    await saveTerm(projectId, { id: term.id, source: "高新区", target: "Hi-Tech Zone|high-tech zone", note: "official", forbidden: false }, userId);
    await saveTerm(projectId, { source: "", target: "Chinese characteristics", note: "house style", forbidden: true }, userId);
    const rows = (await listGlossary(projectId)).map(({ source, target, note, forbidden }) => ({ source, target, note, forbidden }));
    expect(glossaryFromCsv(glossaryToCsv(rows))).toEqual(rows);
    expect(glossaryFromTbx(glossaryToTbx(rows, { source: "zh-CN", target: "en-US" }), { source: "zh-CN", target: "en-US" })).toEqual(rows);
    const other = (await prisma.project.create({ data: { name: "Glossary copy" } })).id;
    expect(await importTerms(other, rows, userId)).toEqual({ added: 2, skipped: 0 });
    expect(await importTerms(other, rows, userId)).toEqual({ added: 0, skipped: 2 });
    await deleteTerm(projectId, term.id);
    await expect(deleteTerm(other, term.id)).rejects.toThrow(/not in this glossary/);
    expect((await listGlossary(projectId)).map((t) => t.target)).toEqual(["Chinese characteristics"]);
  });
});

describe("QA ignores and machine pre-translation", () => {
  it("keeps an ignored finding with its reason until un-ignored", async () => {
    const { documentId, ids } = await document(["共10个。"]);
    await expect(ignoreFinding({ segmentId: ids[0]!, check: "number-mismatch", message: "m", reason: " ", userId })).rejects.toThrow(/Say why/);
    await ignoreFinding({ segmentId: ids[0]!, check: "number-mismatch", message: "m", reason: "House style spells ten.", userId });
    expect(await listIgnores(documentId)).toEqual([{ segmentId: ids[0], check: "number-mismatch", message: "m", reason: "House style spells ten.", by: "Mia" }]);
    await unignoreFinding({ segmentId: ids[0]!, check: "number-mismatch", message: "m" });
    expect(await listIgnores(documentId)).toEqual([]);
  });

  it("fills only empty segments as MT drafts, and says where a failing provider stopped", async () => {
    const { documentId, ids } = await document(["第一。", "第二。", "第三。"]);
    await saveTranslation({ segmentId: ids[1]!, target: "Human text.", baseVersion: 1, confirm: false, actorId: userId });
    const fake: MtProvider = { id: "openai", label: "Fake MT", translate: async (texts) => texts.map((t) => `MT of ${t}`) };
    expect(await pretranslate(documentId, fake, userId)).toEqual({ filled: 2, skipped: 0, error: null });
    const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.target, r.status, r.machineTranslated])).toEqual([
      ["MT of 第一。", "draft", true],
      ["Human text.", "draft", false],
      ["MT of 第三。", "draft", true],
    ]);
    // A person's save clears the MT mark.
    await saveTranslation({ segmentId: ids[0]!, target: "The first.", baseVersion: rows[0]!.version, confirm: false, actorId: userId });
    expect((await prisma.segment.findUniqueOrThrow({ where: { id: ids[0] } })).machineTranslated).toBe(false);
    const failing: MtProvider = { id: "deepl", label: "Down", translate: async () => Promise.reject(new MtError("DeepL's character quota is used up.", "quota")) };
    const again = await document(["第四。"]);
    expect(await pretranslate(again.documentId, failing, userId)).toEqual({ filled: 0, skipped: 0, error: "DeepL's character quota is used up." });
  });
});
