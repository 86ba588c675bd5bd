import { prisma } from "@/lib/db";
import { typed } from "@/lib/db-dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUnconfirmed, readyForReviewNotifications, UNCONFIRMED_STATUSES, hasUnconfirmed } from "./causes";
import { mailMessage } from "@/lib/mail/queue-mail";
import { guardedEnqueueStatement, notifyOutboxWorker } from "@/lib/outbox/outbox";
import { immediateMails, planNotifications } from "./notify";

/**
 * "Ready for your review" from the save's batch transaction (lib/revisions/save-translation.ts),
 * which cannot read in between its statements. Only a confirm that takes the last unconfirmed
 * segment of its document can make it ready, so the cheap test runs before the batch and, when
 * it may, the notifications are planned there and written by statements guarded twice: the save's
 * revision was written, and no live segment of the document is still unconfirmed. Put them after
 * the live event's statements: on PostgreSQL those lock the document row, so two last confirms
 * racing each other are ordered and the second sees the first's segment confirmed.
 */
export async function readyForReviewStatements(
  save: { documentId: string; segmentId: string; previousStatus: string; status: string; actorId: string },
  revisionId: string,
): Promise<{ statements: Prisma.PrismaPromise<number>[]; recipients: string[] }> {
  const none = { statements: [], recipients: [] };
  if (save.status !== "translated" || !isUnconfirmed(save.previousStatus)) return none;
  if (await hasUnconfirmed(prisma, save.documentId, save.segmentId)) return none;
  const rows = await planNotifications(prisma, await readyForReviewNotifications(prisma, save.documentId, save.actorId, { alreadyCounted: true }));
  if (!rows.length) return none;
  const statuses = Prisma.join([...UNCONFIRMED_STATUSES]);
  const guard = Prisma.sql`WHERE EXISTS (SELECT 1 FROM "Revision" WHERE "id" = ${revisionId})
        AND NOT EXISTS (SELECT 1 FROM "Segment" WHERE "documentId" = ${save.documentId} AND "removedAt" IS NULL AND "status" IN (${statuses}))`;
  const statements = rows.map(
    (n) => prisma.$executeRaw`INSERT INTO "Notification" ("id", "recipientId", "kind", "projectId", "documentId", "segmentId", "actorId", "body", "mail", "createdAt")
      SELECT ${n.id}, ${n.recipientId}, ${n.kind}, ${n.projectId}, ${typed(n.documentId, "text")}, ${typed(n.segmentId, "text")}, ${typed(n.actorId, "text")}, ${n.body}, ${n.mail}, ${typed(n.createdAt, "timestamp")}
      ${guard}`,
  );
  // The mails to send at once, as queueMail would write them (lib/mail/queue-mail.ts), under the same guard.
  const now = new Date();
  const mails = await immediateMails(prisma, rows);
  for (const mail of mails) statements.push(guardedEnqueueStatement(mailMessage(mail), guard, now));
  if (mails.length) notifyOutboxWorker();
  return { statements, recipients: rows.map((n) => n.recipientId) };
}
