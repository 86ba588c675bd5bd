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
