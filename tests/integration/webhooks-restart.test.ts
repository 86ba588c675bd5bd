/**
 * Issue 19: "nothing is lost when the app is killed mid-delivery and restarted", with real
 * processes. A worker process (the app's outbox worker and webhook deliverer) is killed with
 * SIGKILL while the receiver holds its request open; a new process started afterwards delivers
 * the event again once the dead one's lease runs out — at least once, with the same delivery id
 * for de-duplication — and the document's next event only after it, in order.
 * Runs on SQLite and (DUIZHAO_TEST_DB=postgresql) on PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, expect, it } from "vitest";

// The receiver listens on loopback: allowed here as an administrator could allow an intranet.
process.env.DUIZHAO_WEBHOOKS_ALLOW_PRIVATE = "1";

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const webhooks = await import("@/lib/webhooks/webhooks");
const { verifySignature } = await import("@/lib/webhooks/signature");

const root = path.join(__dirname, "../..");
const LEASE_MS = 3_000;
const children: ChildProcess[] = [];

/** A worker process on this test file's database, resolved once it has started. */
async function startWorker(name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "fixtures/outbox-worker-process.mts"), String(LEASE_MS), name], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, DUIZHAO_WEBHOOKS_ALLOW_PRIVATE: "1", DUIZHAO_WEBHOOK_TIMEOUT_MS: "30000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes(`started ${name}`) && resolve());
    child.on("exit", (code) => reject(new Error(`worker ${name} exited (${code}) before starting`)));
  });
  return child;
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

it("a worker process killed mid-delivery: a restarted one delivers the event again, then the document's next one", async () => {
  const received: { delivery: string; event: string; signature: string; body: string }[] = [];
  let heldOne: () => void;
  const held = new Promise<void>((resolve) => (heldOne = resolve));
  const receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ delivery: String(request.headers["duizhao-delivery"]), event: String(request.headers["duizhao-event"]), signature: String(request.headers["duizhao-signature"]), body });
      // The first request is held open: its sender dies before an answer comes.
      if (received.length === 1) return heldOne();
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const ownerId = (await prisma.user.create({ data: { email: "owner@restart.example", name: "Owner", passwordHash: "x" } })).id;
    const projectId = (await prisma.project.create({ data: { name: "Restart", memberships: { create: [{ userId: ownerId, role: "owner" }] } } })).id;
    const hook = await webhooks.createWebhook(projectId, ownerId, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: ["document.imported", "document.exported"] });
    const documentId = (await importText(prisma, { projectId, title: "Killed mid-delivery", text: "标题\n\n第一段。", acceptedJoins: "all", origin: "test", actorId: ownerId })).document.id;
    await webhooks.enqueueWebhookEvents(prisma, [{ projectId, documentId, event: "document.exported", data: { format: "xliff-1.2" } }]);
    const [imported, exported] = await prisma.outboxMessage.findMany({ where: { target: hook.id }, orderBy: { id: "asc" } });
    expect([imported!.kind, exported!.kind]).toEqual(["document.imported", "document.exported"]);

    const first = await startWorker("first");
    await held; // the receiver has the first event; no answer will come
    const exited = new Promise((resolve) => first.once("exit", resolve));
    first.kill("SIGKILL");
    await exited;
    // The dead worker's claim is in the database; nothing was recorded as delivered or attempted.
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: imported!.id } })).toMatchObject({ status: "pending", claimedBy: "first", attempts: 0 });
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: exported!.id } })).toMatchObject({ status: "pending", attempts: 0 });
    expect(received.map((r) => r.delivery)).toEqual([imported!.id]);

    const second = await startWorker("second");
    await until("both events delivered", async () => (await prisma.outboxMessage.count({ where: { target: hook.id, status: "delivered" } })) === 2);
    second.kill("SIGKILL");

    // At least once: the held event again (same delivery id, for the receiver to de-duplicate),
    // then the next event of the document — never before the earlier one was taken.
    expect(received.map((r) => [r.event, r.delivery])).toEqual([
      ["document.imported", imported!.id],
      ["document.imported", imported!.id],
      ["document.exported", exported!.id],
    ]);
    for (const r of received) expect(verifySignature(hook.secret, r.body, r.signature)).toBe(true);
    const log = await prisma.outboxAttempt.findMany({ where: { messageId: { in: [imported!.id, exported!.id] } }, orderBy: { startedAt: "asc" } });
    expect(log.map((a) => [a.messageId, a.attempt, a.ok, a.responseStatus])).toEqual([
      [imported!.id, 1, true, 200],
      [exported!.id, 1, true, 200],
    ]);
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}, 180_000);
