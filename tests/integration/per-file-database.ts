import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

// Runs before each test file's imports: point lib/db at a private copy of the migrated template.
const template = inject("templateDatabase");
const file = path.join(path.dirname(template), `${randomUUID()}.db`);
fs.copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
delete (globalThis as { duizhaoPrisma?: unknown }).duizhaoPrisma;

afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
});
