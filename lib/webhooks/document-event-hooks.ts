import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import type { DocumentEventBody } from "@/lib/events/event-types";
import { enqueue, guardedEnqueueStatement, notifyOutboxWorker } from "@/lib/outbox/outbox";
import type { WebhookEvent } from "./webhook-events";
import { deliveriesFor, type ActiveHook, type WebhookEventInput } from "./webhooks";

/**
 * Webhooks from the document event stream (issue 19 on issue 17's events): every writer already
 * appends a live event in its transaction (lib/events/append-event.ts), so the webhook deliveries
 * of segment.confirmed / approved / changes_requested, comment.added and document.signed_off are
 * derived from that one event, in the same transaction, instead of a second call in each writer.
 */

type Db = Pick<typeof prisma, "document" | "webhook" | "outboxMessage" | "mention">;

/** The webhook events one live event means: each with the segments it concerns (ids only). */
export function webhookEventsOf(body: DocumentEventBody): { event: WebhookEvent; data: Record<string, unknown> }[] {
  switch (body.type) {
    case "segments.changed": {
      if (body.reason === "saved") {
        // A person's save that leaves the segment translated is a confirm (statusAfterSave).
        const confirmed = body.segments.filter((s) => s.status === "translated").map((s) => s.id);
        return confirmed.length ? [{ event: "segment.confirmed", data: { segmentIds: confirmed } }] : [];
      }
      if (body.reason !== "status") return [];
      const approved = body.segments.filter((s) => s.status === "approved").map((s) => s.id);
      const sentBack = body.segments.filter((s) => s.status === "changes_requested").map((s) => s.id);
      return [
        ...(approved.length ? [{ event: "segment.approved" as const, data: { segmentIds: approved } }] : []),
        ...(sentBack.length ? [{ event: "segment.changes_requested" as const, data: { segmentIds: sentBack } }] : []),
      ];
    }
    // Past SNAPSHOT_LIMIT only bulk approval changes statuses (lib/review/bulk-approve.ts).
    case "segments.stale":
      return body.reason === "status" ? [{ event: "segment.approved", data: { segmentIds: body.segmentIds } }] : [];
    case "comment.changed":
      return body.action === "added" ? [{ event: "comment.added", data: { segmentId: body.segmentId, commentId: body.commentId } }] : [];
    case "document.status":
      return body.action === "signed_off" ? [{ event: "document.signed_off", data: {} }] : [];
    default:
      return [];
  }
}

/** The document's project and that project's active webhooks, in one query. */
async function documentHooks(db: Pick<typeof prisma, "document">, documentId: string): Promise<{ projectId: string; hooks: ActiveHook[] } | null> {
  const row = await db.document.findUnique({
    where: { id: documentId },
    select: { projectId: true, project: { select: { webhooks: { where: { active: true }, select: { id: true, events: true } } } } },
  });
  return row ? { projectId: row.projectId, hooks: row.project.webhooks.map((hook) => ({ ...hook, projectId: row.projectId })) } : null;
}

/** Inside the writer's transaction, right after appendDocumentEvent: the deliveries it implies. */
export async function enqueueForDocumentEvent(tx: Db, documentId: string, body: DocumentEventBody): Promise<void> {
  const wanted = webhookEventsOf(body);
  if (!wanted.length) return;
  const found = await documentHooks(tx, documentId);
  if (!found?.hooks.length) return;
  const inputs: WebhookEventInput[] = [];
  for (const { event, data } of wanted) {
    if (event === "comment.added") {
      // Mentions are recorded in the same transaction before the event (lib/review/comments.ts).
      const mentions = await tx.mention.findMany({ where: { commentId: String(data.commentId) }, select: { userId: true } });
      inputs.push({ projectId: found.projectId, documentId, event, data: { ...data, mentionedUserIds: mentions.map((m) => m.userId) } });
    } else inputs.push({ projectId: found.projectId, documentId, event, data });
  }
  // Written at the time the payloads name, as the save's own deliveries are.
  const now = new Date();
  await enqueue(tx, deliveriesFor(found.hooks, inputs, now.toISOString()), now);
}

/**
 * For the save's batch transaction, which cannot read in between: statements that write the
 * deliveries only if the revision `revisionId` was written earlier in the batch. The project's
 * webhooks are read before the batch; one registered in that instant gets the next event.
 */
export async function guardedWebhookStatements(documentId: string, body: DocumentEventBody, revisionId: string): Promise<Prisma.PrismaPromise<number>[]> {
  const wanted = webhookEventsOf(body);
  if (!wanted.length) return [];
  const found = await documentHooks(prisma, documentId);
  if (!found?.hooks.length) return [];
  const now = new Date();
  const messages = deliveriesFor(found.hooks, wanted.map(({ event, data }) => ({ projectId: found.projectId, documentId, event, data })), now.toISOString());
  if (messages.length) notifyOutboxWorker();
  return messages.map((m) => guardedEnqueueStatement(m, Prisma.sql`WHERE EXISTS (SELECT 1 FROM "Revision" WHERE "id" = ${revisionId})`, now));
}
