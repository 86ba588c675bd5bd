/**
 * Webhooks through the outbox (issue 19): a change writes its deliveries in its own transaction;
 * the worker delivers them signed, retries on errors and timeouts, keeps a document's order, never
 * loses one when a worker dies mid-delivery, and never lets two live workers send the same one.
 * Runs on SQLite and (DUIZHAO_TEST_DB=postgresql) on PostgreSQL, against a real local receiver.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Test receivers listen on loopback: allowed here as an administrator could allow an intranet.
process.env.DUIZHAO_WEBHOOKS_ALLOW_PRIVATE = "1";
process.env.DUIZHAO_WEBHOOK_TIMEOUT_MS = "400";

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { enqueue } = await import("@/lib/outbox/outbox");
const { OutboxWorker } = await import("@/lib/outbox/outbox-worker");
const { deliverWebhook } = await import("@/lib/webhooks/deliver-webhook");
const { verifySignature } = await import("@/lib/webhooks/signature");
const { saveTranslation } = await import("@/lib/revisions/save-translation");
const { applyTransition } = await import("@/lib/review/status-changes");
const { addComment } = await import("@/lib/review/comments");
const { signOff } = await import("@/lib/review/sign-off");
const webhooks = await import("@/lib/webhooks/webhooks");

interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
}

let received: Received[] = [];
/** What the receiver does with the n-th request (0-based) it gets: a status, or "hang". */
let behaviour: (n: number, body: string) => number | "hang" = () => 200;
let server: http.Server;
let receiverUrl: string;
let projectId: string;
let ownerId: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const n = received.length;
      received.push({ body, headers: request.headers });
      const answer = behaviour(n, body);
      if (answer === "hang") return; // never answers: the sender's timeout must fire
      response.writeHead(answer, { "content-type": "text/plain" }).end(answer >= 300 ? "receiver says no" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  ownerId = (await prisma.user.create({ data: { email: "owner@webhooks.example", name: "Owner", passwordHash: "x" } })).id;
  projectId = (await prisma.project.create({ data: { name: "Webhooks" } })).id;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  received = [];
  behaviour = () => 200;
  await prisma.outboxMessage.deleteMany({});
  await prisma.webhook.deleteMany({ where: { projectId } });
});

const worker = (options: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) =>
  new OutboxWorker({ deliverers: { webhook: deliverWebhook }, backoffMs: () => 0, ...options });

async function importDocument(title: string) {
  return (await importText(prisma, { projectId, title, text: "标题\n\n第一段。", acceptedJoins: "all", origin: "test", actorId: ownerId })).document.id;
}

describe("webhook deliveries", () => {
  it("are written with the change that causes them and delivered signed, with event and delivery headers", async () => {
    const hook = await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["document.imported", "document.exported"] });
    expect(hook.secret).toMatch(/^whsec_/);
    const documentId = await importDocument("Signed");
    const pending = await prisma.outboxMessage.findMany({ where: { target: hook.id } });
    expect(pending).toHaveLength(1);
    expect(received).toHaveLength(0); // nothing is sent inside the transaction

    expect(await worker().drain()).toBe(1);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({ id: pending[0]!.id, event: "document.imported", projectId, documentId, data: { title: "Signed", segments: 2 } });
    expect(delivery!.headers["duizhao-event"]).toBe("document.imported");
    expect(delivery!.headers["duizhao-delivery"]).toBe(pending[0]!.id);
    expect(verifySignature(hook.secret, delivery!.body, String(delivery!.headers["duizhao-signature"]))).toBe(true);
    expect(verifySignature("whsec_other", delivery!.body, String(delivery!.headers["duizhao-signature"]))).toBe(false);
    expect(verifySignature(hook.secret, delivery!.body.replace("Signed", "Forged"), String(delivery!.headers["duizhao-signature"]))).toBe(false);

    const [logged] = await webhooks.webhookDeliveries(projectId, hook.id);
    expect(logged).toMatchObject({ status: "delivered", attempts: 1, attemptLog: [{ attempt: 1, ok: true, responseStatus: 200, responseExcerpt: "ok" }] });
  });

  it("only to webhooks that chose the event, and none for a change that rolled back", async () => {
    await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["document.exported"] });
    await importDocument("Not wanted");
    expect(await prisma.outboxMessage.count()).toBe(0);
    const hook = await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["document.imported"] });
    await expect(
      prisma.$transaction(async (tx) => {
        await webhooks.enqueueWebhookEvents(tx, [{ projectId, event: "document.imported", data: {} }]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.outboxMessage.count({ where: { target: hook.id } })).toBe(0);
  });

  it("are retried after a 500 and after a timeout, each attempt logged, until the receiver takes them", async () => {
    const hook = await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["document.imported"] });
    behaviour = (n) => (n === 0 ? 500 : n === 1 ? "hang" : 204);
    await importDocument("Retried");
    const w = worker();
    await w.drain();
    const [message] = await webhooks.webhookDeliveries(projectId, hook.id);
    expect(message).toMatchObject({ status: "delivered", attempts: 3 });
    expect(message!.attemptLog.map((a) => [a.ok, a.responseStatus])).toEqual([
      [false, 500],
      [false, null],
      [true, 204],
    ]);
    expect(message!.attemptLog[0]!.responseExcerpt).toBe("receiver says no");
    expect(message!.attemptLog[1]!.responseExcerpt).toMatch(/no answer within 400 ms/);
    // The same delivery id on every attempt, for the receiver's de-duplication.
    expect(new Set(received.map((r) => r.headers["duizhao-delivery"])).size).toBe(1);
  });

  it("wait with back-off between attempts and give up after the retry window", async () => {
    const hook = await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["document.imported"] });
    behaviour = () => 503;
    await importDocument("Backed off");
    let clock = Date.now();
    const w = worker({ backoffMs: (attempt) => attempt * 60_000, retryWindowMs: 10 * 60_000, now: () => new Date(clock) });
    await w.drain();
    expect(received).toHaveLength(1); // the retry is not due yet
    clock += 60_000;
    await w.drain();
    expect(received).toHaveLength(2);
    clock += 30_000;
    await w.drain();
    expect(received).toHaveLength(2); // second back-off is 2 minutes
    clock += 10 * 60_000;
    await w.drain();
    const [message] = await webhooks.webhookDeliveries(projectId, hook.id);
    expect(message).toMatchObject({ status: "failed", attempts: 3 });
    clock += 60 * 60_000;
    expect(await w.drain()).toBe(0); // failed is final
    // An owner's redelivery sends the same event (same delivery id) once more.
    behaviour = () => 200;
    await webhooks.redeliverWebhookMessage(projectId, message!.id);
    await worker().drain();
    expect(received.at(-1)!.headers["duizhao-delivery"]).toBe(message!.id);
  });

  it("keep each document's order, even while an earlier event is being retried", async () => {
    const hook = await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["segment.confirmed"] });
    const [a, b] = ["doc-a", "doc-b"];
    await webhooks.enqueueWebhookEvents(prisma, [1, 2, 3].flatMap((n) => [a, b].map((documentId) => ({ projectId, documentId, event: "segment.confirmed" as const, data: { n, documentId } }))));
    // Document A's first event fails twice; A's later events must wait, B's need not.
    let failuresLeft = 2;
    behaviour = (_, body) => (body.includes('"documentId":"doc-a","data":{"n":1') && failuresLeft-- > 0 ? 500 : 200);
    await worker({ batch: 10 }).drain();
    const order = (documentId: string) =>
      received.map((r) => JSON.parse(r.body)).filter((p) => p.documentId === documentId).map((p) => p.data.n);
    expect(order(a)).toEqual([1, 1, 1, 2, 3]); // two failed attempts of 1, then 1, 2, 3
    expect(order(b)).toEqual([1, 2, 3]);
    expect(await prisma.outboxMessage.count({ where: { target: hook.id, status: "delivered" } })).toBe(6);
  });

  it("survive a worker killed mid-delivery: the lease runs out and another worker delivers", async () => {
    await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["document.imported"] });
    await importDocument("Lease");
    let clock = Date.now();
    const dying = worker({ workerId: "dying", leaseMs: 30_000, now: () => new Date(clock) });
    const claimed = await dying.claim(); // … and the process is killed before it delivers
    expect(claimed).toHaveLength(1);
    const rescuer = worker({ workerId: "rescuer", leaseMs: 30_000, now: () => new Date(clock) });
    expect(await rescuer.drain()).toBe(0); // the lease still holds
    clock += 31_000;
    expect(await rescuer.drain()).toBe(1);
    expect(received).toHaveLength(1);
    expect(await prisma.outboxMessage.findFirstOrThrow({})).toMatchObject({ status: "delivered", claimedBy: null });
  });

  it("are never held by two workers at once when several drain at the same time", async () => {
    const hook = await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["segment.approved"] });
    await webhooks.enqueueWebhookEvents(prisma, Array.from({ length: 30 }, (_, n) => ({ projectId, event: "segment.approved" as const, data: { n } })));
    await Promise.all([worker({ workerId: "w1", batch: 4 }).drain(), worker({ workerId: "w2", batch: 4 }).drain(), worker({ workerId: "w3", batch: 4 }).drain()]);
    const ns = [...new Set(received.map((r) => JSON.parse(r.body).data.n))].sort((x, y) => x - y);
    expect(ns).toEqual(Array.from({ length: 30 }, (_, n) => n));
    // Each message delivered by exactly one successful attempt, its attempts numbered 1, 2, … once
    // each (two workers holding a message at once would both record attempt 1). A retry — a
    // receiver slower than the timeout on a loaded machine — is allowed: that is at-least-once.
    const messages = await prisma.outboxMessage.findMany({ where: { target: hook.id }, include: { attemptLog: true } });
    expect(messages).toHaveLength(30);
    for (const message of messages) {
      expect(message.status).toBe("delivered");
      expect(message.attemptLog.filter((a) => a.ok)).toHaveLength(1);
      expect(message.attemptLog.map((a) => a.attempt).sort()).toEqual(Array.from({ length: message.attemptLog.length }, (_, i) => i + 1));
    }
    expect(received).toHaveLength(messages.reduce((sum, m) => sum + m.attemptLog.length, 0));
  });

  it("stop when their webhook is deleted or switched off", async () => {
    const hook = await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["document.imported"] });
    await importDocument("Switched off");
    await webhooks.updateWebhook(projectId, hook.id, { active: false });
    await worker().drain();
    expect(received).toHaveLength(0);
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { target: hook.id } })).toMatchObject({ status: "cancelled" });
    await webhooks.updateWebhook(projectId, hook.id, { active: true });
    await importDocument("Deleted");
    await webhooks.deleteWebhook(projectId, hook.id);
    expect(await worker().drain()).toBe(0);
    expect(received).toHaveLength(0);
  });

  it("a message for a channel without a deliverer is retried, not dropped", async () => {
    await enqueue(prisma, [{ channel: "email", target: "someone@example.com", kind: "test", payload: {} }]);
    await worker({ backoffMs: () => 60_000 }).drain();
    expect(await prisma.outboxMessage.findFirstOrThrow({})).toMatchObject({ status: "pending", attempts: 1, lastError: "no deliverer for channel email" });
  });
});

describe("webhooks from the editor's work", () => {
  it("a confirm, an approval, a send-back, a comment with a mention and a sign-off each reach the receiver, in the document's order", async () => {
    await webhooks.createWebhook(projectId, ownerId, { url: receiverUrl, events: ["segment.confirmed", "segment.approved", "segment.changes_requested", "comment.added", "document.signed_off"] });
    await prisma.membership.upsert({ where: { projectId_userId: { projectId, userId: ownerId } }, create: { projectId, userId: ownerId, role: "owner" }, update: {} });
    const documentId = await importDocument("Reviewed");
    const [heading, paragraph] = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    // A plain save (a draft) is no webhook event; the confirm is.
    const draft = await saveTranslation({ segmentId: heading!.id, target: "Heading", baseVersion: heading!.version, confirm: false, actorId: ownerId });
    expect(draft.kind).toBe("saved");
    const confirmed = await saveTranslation({ segmentId: heading!.id, target: "Heading", baseVersion: heading!.version + 1, confirm: true, actorId: ownerId });
    expect(confirmed.kind).toBe("saved");
    await saveTranslation({ segmentId: paragraph!.id, target: "The first paragraph.", baseVersion: paragraph!.version, confirm: true, actorId: ownerId });
    await applyTransition({ segmentId: heading!.id, transition: "approve", actorId: ownerId });
    await applyTransition({ segmentId: paragraph!.id, transition: "request_changes", actorId: ownerId, comment: "Tighter, please." });
    const comment = await addComment({ segmentId: paragraph!.id, documentId, authorId: ownerId, body: "Please look, @Owner", isIssue: false });
    await saveTranslation({ segmentId: paragraph!.id, target: "The first paragraph, tighter.", baseVersion: (await prisma.segment.findUniqueOrThrow({ where: { id: paragraph!.id } })).version, confirm: true, actorId: ownerId });
    await applyTransition({ segmentId: paragraph!.id, transition: "approve", actorId: ownerId });
    await signOff(documentId, { id: ownerId, name: "Owner" });
    await worker().drain();
    const events = received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => [e.event, e.data.segmentIds ?? e.data.commentId ?? null])).toEqual([
      ["segment.confirmed", [heading!.id]],
      ["segment.confirmed", [paragraph!.id]],
      ["segment.approved", [heading!.id]],
      ["segment.changes_requested", [paragraph!.id]],
      ["comment.added", comment.id],
      ["segment.confirmed", [paragraph!.id]],
      ["segment.approved", [paragraph!.id]],
      ["document.signed_off", null],
    ]);
    expect(events.find((e) => e.event === "comment.added").data.mentionedUserIds).toEqual([ownerId]);
    expect(events[0].links.document).toMatch(new RegExp(`/documents/${documentId}$`));
    expect(events.every((e) => e.documentId === documentId)).toBe(true);
  });
});

describe("webhook targets", () => {
  it("refuse private and loopback addresses unless the administrator allows them", async () => {
    const strict = { DUIZHAO_WEBHOOKS_ALLOW_PRIVATE: "" } as unknown as NodeJS.ProcessEnv;
    for (const url of ["http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x", "http://[::1]/x", "http://169.254.169.254/latest", "http://192.168.1.1/"]) {
      await expect(webhooks.checkWebhookUrl(url, strict), url).rejects.toMatchObject({ code: "webhook-url-private" });
    }
    await expect(webhooks.checkWebhookUrl("ftp://example.com/x", strict)).rejects.toMatchObject({ code: "webhook-url-invalid" });
    await expect(webhooks.checkWebhookUrl("https://user:pw@example.com/x", strict)).rejects.toMatchObject({ code: "webhook-url-invalid" });
    expect(await webhooks.checkWebhookUrl("https://93.184.215.14/hook", strict)).toBe("https://93.184.215.14/hook");
    expect(await webhooks.checkWebhookUrl("http://127.0.0.1:8080/x", { DUIZHAO_WEBHOOKS_ALLOW_PRIVATE: "1" } as unknown as NodeJS.ProcessEnv)).toBe("http://127.0.0.1:8080/x");
  });

  it("are checked again when delivering: a private address gets no request", async () => {
    const { post } = await import("@/lib/webhooks/deliver-webhook");
    const outcome = await post(receiverUrl, "{}", {}, false);
    expect(outcome).toMatchObject({ ok: false, status: null, excerpt: expect.stringMatching(/private address/) });
    const named = await post(receiverUrl.replace("127.0.0.1", "localhost"), "{}", {}, false);
    expect(named).toMatchObject({ ok: false, excerpt: expect.stringMatching(/private address/) });
    expect(received).toHaveLength(0);
  });
});
