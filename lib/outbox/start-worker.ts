import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { OutboxWorker } from "./outbox-worker";

/**
 * Starts this instance's outbox worker (instrumentation.ts, once per server process). Every
 * instance runs one: they share the work through claims. DUIZHAO_OUTBOX_WORKER=off leaves delivery
 * to other instances (e.g. a web-only instance).
 */
export function startOutboxWorker(env: NodeJS.ProcessEnv = process.env): OutboxWorker | null {
  if (env.DUIZHAO_OUTBOX_WORKER === "off") return null;
  const holder = globalThis as unknown as { duizhaoOutboxWorker?: OutboxWorker };
  // next dev re-runs instrumentation on reloads: one worker per process.
  if (holder.duizhaoOutboxWorker) return holder.duizhaoOutboxWorker;
  const worker = new OutboxWorker({ deliverers: { webhook: deliverWebhook } });
  worker.start();
  holder.duizhaoOutboxWorker = worker;
  return worker;
}
