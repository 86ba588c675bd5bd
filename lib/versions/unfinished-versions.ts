import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { UNFINISHED_AFTER_MS } from "@/lib/documents/document-repository";
import { abandonVersion } from "@/lib/review/sign-off";

/**
 * At server start (SQLite): removes the versions a stopped process left hidden half-way through
 * their copy (lib/versions/freeze.ts), reopening a document whose sign-off they were. Only those
 * older than any freeze takes: a command-line export (its own process) may be freezing now.
 * (With PostgreSQL a version is frozen in one transaction: nothing is ever left half-way.)
 */
export async function removeUnfinishedVersions(): Promise<number> {
  if (dialect !== "sqlite") return 0;
  const unfinished = await prisma.documentVersion.findMany({ where: { freezing: true, createdAt: { lt: new Date(Date.now() - UNFINISHED_AFTER_MS) } }, select: { id: true } });
  for (const { id } of unfinished) await abandonVersion(id);
  return unfinished.length;
}
