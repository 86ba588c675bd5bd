import { execFileSync, spawnSync } from "node:child_process";
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
    expect(await prisma.document.count()).toBe(1);
    expect(await prisma.segment.count()).toBe(71);
    const roles = await prisma.membership.findMany({ include: { user: true }, orderBy: { role: "asc" } });
    expect(roles.map((m) => [m.role, m.user.email])).toEqual([
      ["owner", "owner@duizhao.test"],
      ["reviewer", "reviewer@duizhao.test"],
      ["translator", "translator@duizhao.test"],
    ]);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@duizhao.test" } });
    expect(admin.isAdmin).toBe(true);
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
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
});
