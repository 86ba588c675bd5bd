import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import { newId } from "@/lib/ids";
import { enqueue, redeliver, type NewOutboxMessage } from "@/lib/outbox/outbox";
import { isPrivateAddress, privateTargetsAllowed } from "./address-guard";
import { newWebhookSecret } from "./signature";
import { parseEventList, WEBHOOK_EVENTS, type WebhookEvent } from "./webhook-events";

/**
 * A project's webhooks (issue 19): owners register URLs for events; each event is written to
 * the outbox (lib/outbox) in the transaction of its cause and delivered, signed, by the worker.
 */

export const MAX_WEBHOOKS_PER_PROJECT = 20;

export interface WebhookSummary {
  id: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
}

/** An http(s) URL whose host is not a private address (unless the administrator allows those). */
export async function checkWebhookUrl(raw: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CodedError("webhook-url-invalid", 422);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new CodedError("webhook-url-invalid", 422);
  if (url.username || url.password) throw new CodedError("webhook-url-invalid", 422);
  if (privateTargetsAllowed(env)) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true })).map((entry) => entry.address);
    } catch {
      throw new CodedError("webhook-url-unresolved", 422, { host });
    }
  }
  if (addresses.some(isPrivateAddress)) throw new CodedError("webhook-url-private", 422, { host });
  return url.toString();
}

/** The events as a Webhook row stores them: comma-separated, in WEBHOOK_EVENTS order. */
function storedEventList(events: readonly WebhookEvent[]): string {
  return WEBHOOK_EVENTS.filter((event) => events.includes(event)).join(",");
}

function summary(row: { id: string; url: string; secret: string; events: string; active: boolean; createdAt: Date }): WebhookSummary {
  return { ...row, events: [...parseEventList(row.events)] };
}

export async function listWebhooks(projectId: string): Promise<WebhookSummary[]> {
  const rows = await prisma.webhook.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });
  return rows.map(summary);
}

export async function createWebhook(projectId: string, actorId: string, input: { url: string; events: WebhookEvent[] }): Promise<WebhookSummary> {
  const url = await checkWebhookUrl(input.url);
  if (!input.events.length) throw new CodedError("webhook-events-required", 422);
  if ((await prisma.webhook.count({ where: { projectId } })) >= MAX_WEBHOOKS_PER_PROJECT) {
    throw new CodedError("webhook-limit", 422, { count: MAX_WEBHOOKS_PER_PROJECT });
  }
  const row = await prisma.webhook.create({ data: { projectId, url, events: storedEventList(input.events), secret: newWebhookSecret(), createdById: actorId } });
  return summary(row);
}

export async function updateWebhook(projectId: string, webhookId: string, input: { url?: string; events?: WebhookEvent[]; active?: boolean }): Promise<WebhookSummary> {
  const existing = await prisma.webhook.findFirst({ where: { id: webhookId, projectId } });
  if (!existing) throw new CodedError("not-found", 404);
  if (input.events && !input.events.length) throw new CodedError("webhook-events-required", 422);
  const row = await prisma.webhook.update({
    where: { id: webhookId },
    data: {
      ...(input.url !== undefined ? { url: await checkWebhookUrl(input.url) } : {}),
      ...(input.events ? { events: storedEventList(input.events) } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    },
  });
  return summary(row);
}

export async function deleteWebhook(projectId: string, webhookId: string): Promise<void> {
  const { count } = await prisma.webhook.deleteMany({ where: { id: webhookId, projectId } });
  if (!count) throw new CodedError("not-found", 404);
  // Deliveries still waiting for it have nowhere to go.
  await prisma.outboxMessage.updateMany({ where: { channel: "webhook", target: webhookId, status: "pending" }, data: { status: "cancelled" } });
}

/** Recent deliveries of a project's webhook, newest first, with their attempts. */
export async function webhookDeliveries(projectId: string, webhookId: string, take = 50) {
  const hook = await prisma.webhook.findFirst({ where: { id: webhookId, projectId }, select: { id: true } });
  if (!hook) throw new CodedError("not-found", 404);
  return prisma.outboxMessage.findMany({
    where: { channel: "webhook", target: webhookId },
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      status: true,
      attempts: true,
      createdAt: true,
      deliveredAt: true,
      nextAttemptAt: true,
      lastError: true,
      attemptLog: { orderBy: { attempt: "asc" }, select: { attempt: true, startedAt: true, durationMs: true, ok: true, responseStatus: true, responseExcerpt: true } },
    },
  });
}

/** An owner's "Redeliver": the same payload (so the same delivery id) sent again. */
export async function redeliverWebhookMessage(projectId: string, messageId: string): Promise<string> {
  const message = await prisma.outboxMessage.findUnique({ where: { id: messageId }, select: { channel: true, target: true } });
  const hook = message?.channel === "webhook" ? await prisma.webhook.findFirst({ where: { id: message.target, projectId }, select: { id: true } }) : null;
  if (!hook) throw new CodedError("not-found", 404);
  const id = await redeliver(messageId);
  if (!id) throw new CodedError("not-found", 404);
  return id;
}

type Db = Pick<typeof prisma, "webhook" | "outboxMessage">;

export interface WebhookEventInput {
  projectId: string;
  event: WebhookEvent;
  /** Deliveries of one document's events keep their order. */
  documentId?: string | null;
  /** Small, ids and links only. */
  data: Record<string, unknown>;
}

/** A project's active webhook: where its deliveries go and which events it wants. */
export interface ActiveHook {
  id: string;
  projectId: string;
  events: string;
}

/**
 * The outbox messages for `events`: one per event and active webhook of its project that wants
 * it. Each delivery names itself in its payload (Duizhao-Delivery): receivers de-duplicate on it;
 * one document's deliveries to one webhook share an order key.
 */
export function deliveriesFor(hooks: readonly ActiveHook[], events: readonly WebhookEventInput[], createdAt: string): NewOutboxMessage[] {
  return events.flatMap((event) =>
    hooks
      .filter((hook) => hook.projectId === event.projectId && parseEventList(hook.events).has(event.event))
      .map((hook) => {
        const id = newId();
        return {
          id,
          channel: "webhook" as const,
          target: hook.id,
          orderKey: event.documentId ? `${hook.id}:${event.documentId}` : "",
          kind: event.event,
          payload: webhookPayload(id, event, createdAt),
        };
      }),
  );
}

/**
 * Writes the deliveries of events to every active webhook of their projects that wants them.
 * Call with the transaction's client, inside the transaction of the change.
 */
export async function enqueueWebhookEvents(db: Db, events: WebhookEventInput[]): Promise<void> {
  if (!events.length) return;
  const projectIds = [...new Set(events.map((e) => e.projectId))];
  const hooks = await db.webhook.findMany({ where: { projectId: { in: projectIds }, active: true }, select: { id: true, projectId: true, events: true } });
  const now = new Date();
  if (hooks.length) await enqueue(db, deliveriesFor(hooks, events, now.toISOString()), now);
}

/** The JSON a receiver gets: ids, the event's small data, and links to the page and the API. */
export function webhookPayload(id: string, event: WebhookEventInput, createdAt: string) {
  const base = (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const links = event.documentId
    ? { document: `${base}/documents/${event.documentId}`, api: `${base}/api/v1/documents/${event.documentId}` }
    : { project: `${base}/projects/${event.projectId}`, api: `${base}/api/v1/projects/${event.projectId}` };
  return { id, event: event.event, createdAt, projectId: event.projectId, ...(event.documentId ? { documentId: event.documentId } : {}), data: event.data, links };
}
