/**
 * Our Word files with tracked changes, read by tools no one here wrote (issue 21): Debian's pandoc
 * reads the insertions and deletions with their authors and accepts or rejects them; LibreOffice
 * (driven headless through Python-UNO by scripts/libreoffice-tracked.py) opens the files, and its
 * own Accept All / Reject All give the newer and the older texts; a file LibreOffice itself edited
 * with Track Changes on comes back through the re-import. A missing tool skips its test, saying so.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { prepareExport } from "@/lib/exchange/export-document";
import { renderExport, type ExportFormatId } from "@/lib/exchange/formats";
import { readUpload } from "@/lib/exchange/read-upload";
import { applyTrackedImport } from "@/lib/exchange/tracked/tracked-apply";
import { planTrackedImport } from "@/lib/exchange/tracked/tracked-plan";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { addComment } from "@/lib/review/comments";

const PYTHON = "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "../../scripts/libreoffice-tracked.py");
const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: "ignore" }).status === 0;
const tools = {
  pandoc: has("pandoc", ["--version"]),
  libreoffice: has("soffice", ["--version"]) && fs.existsSync(PYTHON) && has(PYTHON, ["-c", "import uno"]),
};
if (!tools.pandoc) console.warn("word-real-readers: pandoc is not installed (apt-get install pandoc); its tests are skipped.");
if (!tools.libreoffice) console.warn("word-real-readers: LibreOffice with Python-UNO is not installed (libreoffice-writer-nogui, python3-uno); its tests are skipped.");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-word-"));
let documentId: string;
let ids: string[];
const users: Record<"translator" | "reviewer", string> = { translator: "", reviewer: "" };

const SOURCES = ["昆山高新区：凝聚奋进伟力", "本报记者 叶伟", "1-5月，新增注册内资140亿元，同比增长12.5%。", "“高”逐“新”的昆山", "图片来源：昆山高新区"];
const TRANSLATED = ["Kunshan Hi-Tech Zone: pooling strength", "By staff reporter Ye Wei", "From January to May, 14 billion yuan of domestic capital was registered, up 12.5%.", "Kunshan chases the “high” and the “new”", "Photo: Kunshan Hi-Tech Zone"];
const REVIEWED = ["Kunshan High-Tech Zone: pooling strength to forge ahead", "By staff reporter Ye Wei", "From January to May, newly registered domestic capital reached 14 billion yuan, up 12.5% year on year.", "Kunshan chases the “high” & the “new”", "Photo: Kunshan Hi-Tech Zone"];

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Word readers" } });
  for (const role of ["translator", "reviewer"] as const) {
    const user = await prisma.user.create({ data: { email: `${role}@readers.example`, name: role === "translator" ? "Tom Translator" : "Rita Reviewer", passwordHash: "x" } });
    await prisma.membership.create({ data: { projectId: project.id, userId: user.id, role } });
    users[role] = user.id;
  }
  documentId = (await importText(prisma, { projectId: project.id, text: SOURCES.join("\n\n"), acceptedJoins: [], origin: "test", actorId: null })).document.id;
  ids = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } })).map((s) => s.id);
  expect(ids).toHaveLength(SOURCES.length);
  for (const [texts, who, confirm] of [
    [TRANSLATED, "translator", true],
    [REVIEWED, "reviewer", false],
  ] as const) {
    for (const [i, id] of ids.entries()) {
      const s = await prisma.segment.findUniqueOrThrow({ where: { id } });
      if (s.target === texts[i]) continue;
      await saveTranslation({ segmentId: id, target: texts[i]!, baseVersion: s.version, confirm, actorId: users[who], actorRole: who });
    }
  }
  await addComment({ segmentId: ids[0]!, documentId, authorId: users.reviewer, body: "“High-Tech” is the zone's own spelling.", isIssue: false });
});

async function write(format: ExportFormatId, name: string, withComments: boolean): Promise<string> {
  const doc = await prepareExport(documentId, { format, scope: "all", withComments, track: { mode: "since-confirmed" } }, null);
  const file = path.join(dir, name);
  fs.writeFileSync(file, await renderExport(format, doc));
  return file;
}

/** Spans pandoc marks as insertion/deletion, with author and text, from its JSON AST. */
function pandocChanges(file: string): { kind: string; author: string; text: string }[] {
  const ast = JSON.parse(execFileSync("pandoc", ["--track-changes=all", "-t", "json", file], { encoding: "utf8" })) as unknown;
  const out: { kind: string; author: string; text: string }[] = [];
  const text = (inlines: unknown): string =>
    Array.isArray(inlines) ? inlines.map((i: { t: string; c?: unknown }) => (i.t === "Str" ? String(i.c) : i.t === "Space" ? " " : i.t === "SoftBreak" || i.t === "LineBreak" ? "\n" : text(Array.isArray(i.c) ? i.c[i.c.length - 1] : []))).join("") : "";
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const { t, c } = node as { t?: string; c?: unknown };
    if (t === "Span" && Array.isArray(c)) {
      const [[, classes, attrs], inlines] = c as [[string, string[], [string, string][]], unknown];
      const kind = classes.find((k) => k === "insertion" || k === "deletion");
      if (kind) out.push({ kind, author: Object.fromEntries(attrs).author ?? "", text: text(inlines) });
    }
    Object.values(node).forEach(walk);
  };
  walk(ast);
  return out;
}

const pandocText = (file: string, mode: "accept" | "reject") =>
  execFileSync("pandoc", [`--track-changes=${mode}`, "-t", "plain", "--wrap=none", file], { encoding: "utf8" })
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);

function libreoffice(...args: string[]) {
  const result = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: "utf8", timeout: 240_000 });
  expect(result.status, result.stderr).toBe(0);
}

function libreofficeRead(file: string, mode: "accept" | "reject" | "asis") {
  const out = path.join(dir, `${path.basename(file)}.${mode}.json`);
  libreoffice("read", file, mode, out);
  return JSON.parse(fs.readFileSync(out, "utf8")) as { tables: string[][][]; paragraphs: string[]; changes: { author: string; type: string }[]; comments: { author: string; content: string }[] };
}

describe("pandoc", () => {
  it.skipIf(!tools.pandoc)("reads the insertions and deletions with the reviewer as author; accepting gives the reviewed text, rejecting the translator's", () => {
    const file = path.join(dir, "english.docx");
    return write("docx-target", "english.docx", true).then(() => {
      const changes = pandocChanges(file);
      expect(changes.length).toBeGreaterThan(6);
      expect(new Set(changes.map((c) => c.author))).toEqual(new Set(["Rita Reviewer"]));
      expect(changes).toContainEqual({ kind: "deletion", author: "Rita Reviewer", text: "Hi" });
      expect(changes).toContainEqual({ kind: "insertion", author: "Rita Reviewer", text: "High" });
      expect(changes.some((c) => c.kind === "insertion" && c.text.includes("year on year"))).toBe(true);
      expect(pandocText(file, "accept")).toEqual(REVIEWED);
      expect(pandocText(file, "reject")).toEqual(TRANSLATED);
    });
  });

  it.skipIf(!tools.pandoc)("reads the review table's changes and the comment with its author", async () => {
    const file = await write("docx-review", "review.docx", true);
    const changes = pandocChanges(file);
    expect(new Set(changes.map((c) => c.author))).toEqual(new Set(["Rita Reviewer"]));
    const markdown = execFileSync("pandoc", ["--track-changes=all", "-t", "markdown", file], { encoding: "utf8" });
    expect(markdown).toMatch(/comment-start[^}]*author="Rita Reviewer"/);
  });
});

describe("LibreOffice", () => {
  it.skipIf(!tools.libreoffice)(
    "opens both files (changes by the reviewer, the comment by its author); its own Accept All gives the reviewed text, Reject All the translator's",
    async () => {
      const withComments = libreofficeRead(await write("docx-review", "lo-comments.docx", true), "asis");
      expect(new Set(withComments.changes.map((c) => c.author))).toEqual(new Set(["Rita Reviewer"]));
      expect(withComments.comments).toEqual([{ author: "Rita Reviewer", content: "“High-Tech” is the zone's own spelling." }]);
      const review = await write("docx-review", "lo-review.docx", false);
      expect(libreofficeRead(review, "accept").tables[0]!.slice(1).map((row) => row[2])).toEqual(REVIEWED);
      expect(libreofficeRead(review, "reject").tables[0]!.slice(1).map((row) => row[2])).toEqual(TRANSLATED);
      const english = await write("docx-target", "lo-english.docx", false);
      expect(libreofficeRead(english, "accept").paragraphs).toEqual(REVIEWED);
      expect(libreofficeRead(english, "reject").paragraphs).toEqual(TRANSLATED);
    },
    900_000,
  );

  it.skipIf(!tools.libreoffice)(
    "a review table edited by LibreOffice with Track Changes on comes back: its changes by their author, the untracked edit, the comment",
    async () => {
      const exported = await write("docx-review", "to-edit.docx", true);
      const edited = path.join(dir, "edited-by-libreoffice.docx");
      const ops = path.join(dir, "ops.json");
      fs.writeFileSync(
        ops,
        JSON.stringify({
          author: "Rita Reviewer",
          ops: [
            { find: "By staff reporter", replace: "By our staff reporter" },
            { find: "Photo: Kunshan", replace: "Photo courtesy of Kunshan" },
            { find: "chases", replace: "pursues", tracked: false },
            { find: "Ye Wei", comment: "Full name: Ye Wei (叶伟)." },
          ],
        }),
      );
      libreoffice("edit", exported, edited, ops);
      const read = await readUpload("edited-by-libreoffice.docx", fs.readFileSync(edited));
      if (read.kind !== "review-table" || !read.tracked) throw new Error("LibreOffice's file is not read as Duizhao's review table");
      const reviewer = { id: users.reviewer, isAdmin: false };
      const plan = await planTrackedImport(documentId, read.tracked, reviewer, "reviewer");
      // The export's own tracked changes and comment are recognised; only LibreOffice's edits remain.
      expect(plan.segments.map((s) => [s.number, s.changes.map((c) => [c.tracked, c.author, c.removed, c.added]), s.comments.map((c) => [c.author, c.text])])).toEqual([
        [
          2,
          [
            [true, "Rita Reviewer", "By staff reporter", ""],
            [true, "Rita Reviewer", "", "By our staff reporter"],
          ],
          [["Rita Reviewer", "Full name: Ye Wei (叶伟)."]],
        ],
        [4, [[false, null, "chases", "pursues"]], []],
        [
          5,
          [
            [true, "Rita Reviewer", "Photo: Kunshan", ""],
            [true, "Rita Reviewer", "", "Photo courtesy of Kunshan"],
          ],
          [],
        ],
      ]);
      expect(plan.authors).toEqual([{ name: "Rita Reviewer", suggestedUserId: users.reviewer }]);
      // Accept segment 2's changes and the untracked edit, reject segment 5's.
      const decisions = plan.segments.map((s) => ({
        segmentId: s.segmentId,
        version: s.version,
        atoms: s.atoms,
        placeholder: s.placeholder,
        changes: s.changes.map((c) => ({ key: c.key, accepted: s.number !== 5, userId: users.reviewer, date: c.date })),
        comments: s.comments.map((c) => ({ key: c.key, userId: users.reviewer, text: c.text, parentKey: c.parentKey, parentCommentId: c.parentCommentId })),
      }));
      expect(await applyTrackedImport({ documentId, decisions, actor: reviewer, role: "reviewer", origin: "upload:edited-by-libreoffice.docx" })).toEqual({ revisions: 2, comments: 1, rejected: 2 });
      const now = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { target: true } });
      expect(now.map((s) => s.target)).toEqual([REVIEWED[0], "By our staff reporter Ye Wei", REVIEWED[2], "Kunshan pursues the “high” & the “new”", REVIEWED[4]]);
      expect(await prisma.revision.count({ where: { documentId, authorRole: "reviewer", note: { contains: "edited-by-libreoffice" } } })).toBe(2);
    },
    600_000,
  );
});
