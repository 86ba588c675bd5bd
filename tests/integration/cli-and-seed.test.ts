import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";

const root = path.join(__dirname, "../..");
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL };
const tsx = path.join(root, "node_modules/.bin/tsx");
const duizhao = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "scripts/duizhao.mjs"), ...args], { env, encoding: "utf8", cwd: path.join(root, "tests") });

describe("seed and command line against a real database file", () => {
  it("seeds demo users and the demo project once; running again changes nothing", async () => {
    const first = execFileSync(tsx, [path.join(root, "prisma/seed.ts")], { env, encoding: "utf8" });
    expect(first).toMatch(/4 demo users.*71 segments/);
    const second = execFileSync(tsx, [path.join(root, "prisma/seed.ts")], { env, encoding: "utf8" });
    expect(second).toMatch(/nothing to do/);
    expect(await prisma.user.count()).toBe(4);
    expect(await prisma.document.count()).toBe(2);
    expect(await prisma.segment.count()).toBe(142);
    // The first document imported is the untranslated one the browser tests work on.
    const [untranslated, translated] = await prisma.document.findMany({ orderBy: [{ createdAt: "asc" }] });
    expect(untranslated).toMatchObject({ origin: "seed", title: "昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌" });
    expect(await prisma.segment.count({ where: { documentId: untranslated!.id, status: "untranslated" } })).toBe(71);
    expect(translated).toMatchObject({ origin: "seed:translated", title: "昆山高新区：凝聚奋进伟力（英译，审校中）" });
    expect(translated!.title.includes(untranslated!.title)).toBe(false);
    const roles = await prisma.membership.findMany({ include: { user: true }, orderBy: { role: "asc" } });
    expect(roles.map((m) => [m.role, m.user.email])).toEqual([
      ["owner", "owner@duizhao.test"],
      ["reviewer", "reviewer@duizhao.test"],
      ["translator", "translator@duizhao.test"],
    ]);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@duizhao.test" } });
    expect(admin.isAdmin).toBe(true);
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
  }, 120_000); // runs the seed twice as a process: a few seconds each, far more on a loaded machine

  it("ships the reference translation as a second document with a real review history", async () => {
    const document = await prisma.document.findFirstOrThrow({ where: { origin: "seed:translated" }, include: { translator: true, reviewer: true } });
    expect([document.translator?.name, document.reviewer?.name]).toEqual(["Tian Translator", "Rachel Reviewer"]);
    const segments = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
    const reference = JSON.parse(fs.readFileSync(path.join(root, "prisma/seed-data/kunshan-hi-tech-zone.en.json"), "utf8")) as { segments: { source: string; target: string }[] };
    expect(segments.map((s) => [s.source, s.target])).toEqual(reference.segments.map((s) => [s.source, s.target]));
    expect(segments.slice(0, 34).every((s) => s.status === "approved")).toBe(true);
    expect(segments.slice(34).every((s) => s.status === "translated")).toBe(true);

    const revisions = await prisma.revision.findMany({ where: { documentId: document.id }, include: { author: true }, orderBy: [{ createdAt: "asc" }, { version: "asc" }] });
    const count = (kind: string, role: string | null) => revisions.filter((r) => r.kind === kind && r.authorRole === role).length;
    expect(count("import", null)).toBe(71);
    expect(count("edit", "translator")).toBe(78); // 71 confirmations, 6 drafts, 1 fix after a send-back
    expect(count("edit", "reviewer")).toBe(5);
    expect(count("status", "reviewer")).toBe(35); // 34 approvals, 1 send-back
    expect(revisions.filter((r) => r.authorRole === "reviewer").every((r) => r.author?.name === "Rachel Reviewer")).toBe(true);
    // A draft the QA check would flag (140 billion for 140亿), corrected before confirming.
    expect(revisions.some((r) => r.target.includes("140 billion yuan") && r.status === "draft")).toBe(true);
    // The caption sent back with a tagged error, fixed, approved.
    const caption = revisions.filter((r) => r.segmentId === segments[13]!.id).map((r) => [r.kind, r.status, r.authorRole]);
    expect(caption).toEqual([
      ["import", "untranslated", null],
      ["edit", "translated", "translator"],
      ["status", "changes_requested", "reviewer"],
      ["edit", "translated", "translator"],
      ["status", "approved", "reviewer"],
    ]);

    const comments = await prisma.comment.findMany({ where: { documentId: document.id }, orderBy: { createdAt: "asc" } });
    expect(comments).toHaveLength(4);
    const issue = comments.find((c) => c.isIssue)!;
    expect(issue.resolvedAt).not.toBeNull();
    expect(comments.find((c) => c.parentId === issue.id)?.body).toMatch(/^Queried/);
    expect(comments.find((c) => c.errorCategory === "accuracy")?.errorSeverity).toBe("minor");
    expect(comments.every((c) => c.updatedAt.getTime() === c.createdAt.getTime())).toBe(true); // none shows as edited

    const versions = await prisma.documentVersion.findMany({ where: { documentId: document.id }, orderBy: { createdAt: "asc" } });
    expect(versions.map((v) => v.label)).toEqual(["First draft complete", "Review round 1: sections 1–3 approved"]);
    expect(await prisma.memoryUnit.count({ where: { segmentId: { in: segments.map((s) => s.id) } } })).toBe(34);

    // The work spans the last days, in order: import, translation, review.
    const day = 86_400_000;
    expect(Date.now() - document.createdAt.getTime()).toBeGreaterThan(4 * day);
    for (const s of segments) {
      const times = revisions.filter((r) => r.segmentId === s.id).sort((a, b) => a.version - b.version).map((r) => r.createdAt.getTime());
      expect(times, `#${s.position + 1}`).toEqual([...times].sort((a, b) => a - b));
    }
    expect(revisions.at(-1)!.createdAt.getTime()).toBeLessThan(Date.now());
  });

  it("imports a GB18030 file with `duizhao import` (relative path) and lists it", async () => {
    const result = duizhao("import", "fixtures/seed.gb18030.txt", "--project", "Kunshan Hi-Tech Zone feature", "--title", "GB copy");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/joined: …/);
    expect(result.stdout).toMatch(/Imported "GB copy" into "Kunshan Hi-Tech Zone feature": 71 segments from 76 blocks \(gb18030\)/);
    const list = duizhao("list");
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/GB copy .* 71 segments: 71 untranslated/);
  });

  it("keeps cut paragraphs apart with --no-joins", () => {
    const result = duizhao("import", "fixtures/seed.utf16le-bom.txt", "--project", "Kunshan Hi-Tech Zone feature", "--no-joins");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/76 segments from 76 blocks \(utf-16le\)/);
  });

  it("refuses a binary file, an unknown project and bad usage with clear messages, creating nothing", async () => {
    const before = await prisma.document.count();
    const binary = duizhao("import", "fixtures/random.bin", "--project", "Kunshan Hi-Tech Zone feature");
    expect(binary.status).toBe(1);
    expect(binary.stderr).toMatch(/Import refused: .*binary data.*Nothing was created/);
    const noProject = duizhao("import", "fixtures/seed.gb18030.txt", "--project", "Nope");
    expect(noProject.status).toBe(1);
    expect(noProject.stderr).toMatch(/No project named "Nope"/);
    const usage = duizhao("import");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/needs a file and --project/);
    expect(await prisma.document.count()).toBe(before);
  });
});

describe("duizhao export and import of interchange files", () => {
  it("exports the seed as XLIFF 1.2, DOCX and CSV, and imports the XLIFF back as a new document with the same texts", async () => {
    const os = await import("node:os");
    const fs = await import("node:fs");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-cli-"));
    const seed = await prisma.document.findFirstOrThrow({ where: { origin: "seed" } });
    const first = await prisma.segment.findFirstOrThrow({ where: { documentId: seed.id, position: 2 } });
    await prisma.segment.update({ where: { id: first.id }, data: { target: "Kunshan Hi-Tech Zone: a new start", status: "translated" } });
    for (const [format, file] of [["xliff-1.2", "seed.xlf"], ["docx-review", "seed.docx"], ["csv", "seed.csv"]] as const) {
      const out = path.join(dir, file);
      const result = duizhao("export", seed.id, "--format", format, "--out", out);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`Exported 71 segments of .* to ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      expect(fs.statSync(out).size).toBeGreaterThan(1000);
    }
    // Each export is logged; the document did not change between them, so one version serves all three.
    expect(await prisma.documentVersion.count({ where: { documentId: seed.id, reason: "export" } })).toBe(1);
    expect(await prisma.activityEvent.count({ where: { documentId: seed.id, type: "document.exported" } })).toBe(3);

    const back = duizhao("import", path.join(dir, "seed.xlf"), "--project", "Kunshan Hi-Tech Zone feature", "--title", "From XLIFF");
    expect(back.stderr).toBe("");
    expect(back.stdout).toMatch(/Imported "From XLIFF" .* from XLIFF-1.2: 71 segments with their translations and statuses/);
    const copy = await prisma.document.findFirstOrThrow({ where: { title: "From XLIFF" }, include: { segments: { orderBy: { position: "asc" } } } });
    const original = await prisma.segment.findMany({ where: { documentId: seed.id }, orderBy: { position: "asc" } });
    expect(copy.segments.map((s) => [s.kind, s.source, s.target, s.status])).toEqual(original.map((s) => [s.kind, s.source, s.target, s.status]));

    const table = duizhao("import", path.join(dir, "seed.docx"), "--project", "Kunshan Hi-Tech Zone feature");
    expect(table.status).toBe(1);
    expect(table.stderr).toMatch(/review table/);
    const bad = duizhao("export", seed.id, "--format", "pdf");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown format "pdf"/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("duizhao qa", () => {
  it("checks a CSV with a glossary and prints JSON findings in file order", () => {
    const result = duizhao("qa", "fixtures/qa-sample.csv", "--glossary", "fixtures/qa-glossary.csv", "--format", "json");
    expect(result.status).toBe(0);
    const findings = JSON.parse(result.stdout) as { index: number; id: string; findings: { check: string; severity: string; message: string }[] }[];
    expect(findings.map((f) => f.index)).toEqual([0, 1, 2, 3]);
    expect(findings[0]!.findings).toEqual([]);
    expect(findings[1]!.findings.map((f) => [f.check, f.severity])).toContainEqual(["number-mismatch", "error"]);
    expect(findings[2]!.findings).toEqual([{ check: "term", severity: "error", message: "Glossary: “独角兽” should be translated as “unicorn”." }]);
    expect(findings[3]!.findings.map((f) => f.check)).toEqual(["punctuation"]);
    const strict = duizhao("qa", "fixtures/qa-sample.csv", "--strict");
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/4 units checked: \d+ errors/);
    expect(duizhao("qa", "fixtures/seed.gb18030.txt").status).toBe(2);
  });

  it("checks spelling (en-US unless told), knowing the glossary's and a word list's names", () => {
    const run = (...args: string[]) => (JSON.parse(duizhao("qa", "fixtures/qa-sample.csv", "--format", "json", ...args).stdout) as { findings: { check: string; message: string }[] }[])[0]!.findings.filter((f) => f.check === "spelling").map((f) => f.message);
    expect(run()).toEqual(["Possible misspelling: “Kunshan”."]);
    expect(run("--glossary", "fixtures/qa-glossary.csv")).toEqual([]);
    expect(run("--spelling", "off")).toEqual([]);
    const words = path.join(os.tmpdir(), `duizhao-words-${process.pid}.txt`);
    fs.writeFileSync(words, "# names\nKunshan\n");
    expect(run("--spelling", "en-GB", "--dictionary", words)).toEqual([]);
    fs.rmSync(words);
    expect(duizhao("qa", "fixtures/qa-sample.csv", "--spelling", "fr").status).toBe(2);
  });
});
