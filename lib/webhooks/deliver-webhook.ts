import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { prisma } from "@/lib/db";
import type { AttemptOutcome, ClaimedMessage } from "@/lib/outbox/outbox-worker";
import { isPrivateAddress, privateTargetsAllowed } from "./address-guard";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

/** A receiver has this long to answer; then the attempt counts as failed and is retried. */
export const DELIVERY_TIMEOUT_MS = Number(process.env.DUIZHAO_WEBHOOK_TIMEOUT_MS) > 0 ? Number(process.env.DUIZHAO_WEBHOOK_TIMEOUT_MS) : 10_000;
const EXCERPT_BYTES = 2_000;

/** The outbox's deliverer for the `webhook` channel: one signed POST of the stored payload. */
export async function deliverWebhook(message: ClaimedMessage): Promise<AttemptOutcome> {
  const hook = await prisma.webhook.findUnique({ where: { id: message.target }, select: { url: true, secret: true, active: true } });
  if (!hook || !hook.active) return { ok: false, status: null, excerpt: "webhook removed or switched off", cancel: true };
  const body = message.payload;
  const headers = {
    "content-type": "application/json",
    "user-agent": "Duizhao-Webhooks/1",
    "duizhao-event": message.kind,
    // Stable across retries and redeliveries of the same event: receivers de-duplicate on it.
    "duizhao-delivery": (JSON.parse(body) as { id?: string }).id ?? message.id,
    [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(hook.secret, body, Math.floor(Date.now() / 1000)),
  };
  return post(hook.url, body, headers, privateTargetsAllowed());
}

/** Resolves like dns.lookup, but fails for private addresses (checked on what is connected to). */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, options, (error, address, family) => {
    if (error) return callback(error, address as string, family);
    const all: LookupAddress[] = Array.isArray(address) ? address : [{ address, family: family ?? 4 }];
    const refused = all.find((entry) => isPrivateAddress(entry.address));
    if (refused) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address (${refused.address})`), { code: "EPRIVATE" }), "", 4);
    callback(null, address as string, family);
  });
};

export function post(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<AttemptOutcome> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, status: null, excerpt: "invalid URL", cancel: true });
  }
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(literal) && isPrivateAddress(literal)) {
    return Promise.resolve({ ok: false, status: null, excerpt: `refused: ${literal} is a private address` });
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, lookup: allowPrivate ? undefined : guardedLookup, timeout: DELIVERY_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 300, status, excerpt: Buffer.concat(chunks).toString("utf8").slice(0, 500) });
        });
        response.on("error", (error) => resolve({ ok: false, status: response.statusCode ?? null, excerpt: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)));
    request.on("error", (error) => resolve({ ok: false, status: null, excerpt: error.message }));
    request.end(body);
  });
}
