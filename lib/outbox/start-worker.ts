import { deliverMail } from "@/lib/mail/deliver-mail";
import { scrubMailPayload } from "@/lib/mail/queue-mail";
import { startDigestTicker } from "@/lib/notifications/digest";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { OutboxWorker } from "./outbox-worker";

/**
 * Starts this instance's outbox worker (instrumentation.ts, once per server process). Every
 * instance runs one: they share the work through claims. DUIZHAO_OUTBOX_WORKER=off leaves delivery
 * to other instances (e.g. a web-only instance), and the daily digests with it.
 */
export function startOutboxWorker(env: NodeJS.ProcessEnv = process.env): OutboxWorker | null {
  if (env.DUIZHAO_OUTBOX_WORKER === "off") return null;
  const holder = globalThis as unknown as { duizhaoOutboxWorker?: OutboxWorker };
  // next dev re-runs instrumentation on reloads: one worker per process.
  if (holder.duizhaoOutboxWorker) return holder.duizhaoOutboxWorker;
  const worker = new OutboxWorker(outboxWorkerOptions());
  worker.start();
  // The daily notification digests ride on the worker: where mails are delivered, digests are made
  // (idempotent across instances: one NotificationDigest row per person and day).
  startDigestTicker();
  holder.duizhaoOutboxWorker = worker;
  return worker;
}

/** The channels the app delivers, and what a settled mail keeps (tests build their workers with it too). */
export function outboxWorkerOptions() {
  return {
    deliverers: { webhook: deliverWebhook, email: deliverMail },
    settledPayload: { email: scrubMailPayload },
  };
}
