/**
 * Demo data for a fresh install: users for each role and the Kunshan feature article, imported
 * with every proposed page-break join accepted and left untranslated (the first document, which
 * the browser tests work on), then the same article fully translated with a real review history
 * (prisma/demo-history.ts). Safe to run again: it only fills an empty database.
 */
import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { databaseUrl, isSqlite } from "@/lib/config/database-url";
import { prisma } from "@/lib/db";
import { decodeText } from "@/lib/documents/decode-text";
import { importText } from "@/lib/documents/import-document";
import { DEMO_PROJECT, DEMO_USERS } from "./demo-data";
import { backdateImport, seedTranslatedDocument } from "./demo-history";

async function main() {
  if ((await prisma.user.count()) > 0) {
    console.log("Seed: the database already has users; nothing to do.");
    return;
  }
  const users = new Map<string, string>();
  // The demo history is a few hundred small transactions: on SQLite (WAL), let them reach the
  // disk at checkpoints rather than one fsync each (a failed seed is removed below anyway).
  if (isSqlite(databaseUrl())) await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  try {
    await seedInto(users);
  } catch (error) {
    // Leave the database empty rather than half-seeded, so the next run seeds it properly.
    await prisma.project.deleteMany({ where: { name: DEMO_PROJECT.name } });
    await prisma.user.deleteMany({ where: { id: { in: [...users.values()] } } });
    throw error;
  }
}

async function seedInto(users: Map<string, string>) {
  for (const demo of DEMO_USERS) {
    const user = await prisma.user.create({
      data: { email: demo.email, name: demo.name, isAdmin: demo.isAdmin, passwordHash: await hash(demo.password) },
    });
    users.set(demo.email, user.id);
  }
  const owner = DEMO_USERS.find((u) => u.projectRole === "owner")!;
  const project = await prisma.project.create({
    data: {
      name: DEMO_PROJECT.name,
      description: DEMO_PROJECT.description,
      createdById: users.get(owner.email),
      memberships: {
        create: DEMO_USERS.filter((u) => u.projectRole).map((u) => ({ userId: users.get(u.email)!, role: u.projectRole! })),
      },
    },
  });
  const file = path.join(import.meta.dirname, "seed-data", DEMO_PROJECT.articleFile);
  const { text, encoding } = decodeText(fs.readFileSync(file));
  const { document, segmentCount } = await importText(prisma, {
    projectId: project.id,
    text,
    title: DEMO_PROJECT.articleTitle,
    acceptedJoins: "all",
    origin: "seed",
    actorId: users.get(owner.email) ?? null,
    encoding,
  });
  // Assigned to the demo translator and reviewer, so "My work" has something on a fresh install.
  const byRole = (role: string) => users.get(DEMO_USERS.find((u) => u.projectRole === role)!.email) ?? null;
  await prisma.document.update({ where: { id: document.id }, data: { translatorId: byRole("translator"), reviewerId: byRole("reviewer") } });
  await backdateImport(document.id);
  // The project dictionary: the article's romanised names, so the spelling check is quiet on them.
  const words = fs.readFileSync(path.join(import.meta.dirname, "seed-data", DEMO_PROJECT.dictionaryFile), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  await prisma.projectDictionaryWord.createMany({ data: words.map((word) => ({ projectId: project.id, word, addedById: users.get(owner.email) ?? null })) });
  const translated = await seedTranslatedDocument({ projectId: project.id, users: { owner: byRole("owner")!, translator: byRole("translator")!, reviewer: byRole("reviewer")! } });
  console.log(
    `Seed: ${DEMO_USERS.length} demo users, project "${project.name}", ${segmentCount} segments, assigned to the demo translator and reviewer; ` +
      `"${DEMO_PROJECT.translatedTitle}": ${translated.segments} segments translated, sections 1–3 approved, with history.`,
  );
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
