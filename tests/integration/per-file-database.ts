import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

// Runs before each test file's imports: point lib/db at a private copy of the migrated template.
const template = inject("templateDatabase");
let dropDatabase: (() => Promise<void>) | null = null;
if (template.startsWith("postgresql://")) {
  const { default: pg } = await import("pg");
  const server = template.slice(0, template.lastIndexOf("/"));
  const templateName = template.slice(template.lastIndexOf("/") + 1);
  const name = `${templateName.replace(/_template$/, "")}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  // Files start together: a clone fails while another clone of the same template is starting, so retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
      break;
    } catch (error) {
      if (attempt > 40) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  process.env.DATABASE_URL = `${server}/${name}`;
  dropDatabase = async () => {
    const drop = new pg.Client({ connectionString: `${server}/postgres` });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await drop.end();
  };
} else {
  const file = path.join(path.dirname(template), `${randomUUID()}.db`);
  fs.copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
}
delete (globalThis as { duizhaoPrisma?: unknown }).duizhaoPrisma;

afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
  await dropDatabase?.();
});
