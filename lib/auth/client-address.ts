import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * The client's address for the per-address sign-in lock-out (issue 13).
 *
 * X-Forwarded-For is written by whoever sent the request, so only the entries appended by proxies
 * we run can be believed: DUIZHAO_TRUSTED_PROXY_HOPS says how many there are in front of the app
 * (0, the default: none — the client is the socket's peer; 1: one nginx, which appends the address
 * it saw). The client is the address that many hops left of the socket's peer in the chain
 * `X-Forwarded-For…, peer`: whatever a client writes further left is ignored.
 *
 * Next.js does not hand route handlers the socket, and keeps a client-sent X-Forwarded-For
 * instead of adding the peer to it. So the server records the peer itself: a subscriber to Node's
 * `http.server.request.start` diagnostics channel (a supported Node API, run before the request
 * reaches Next.js) writes it into a header of its own, overwriting anything a client sent under
 * that name. instrumentation.ts installs it when the server starts.
 */
export const PEER_ADDRESS_HEADER = "x-duizhao-peer-address";
const INSTALLED = Symbol.for("duizhao.peerAddressHeader");

type Installed = { [INSTALLED]?: boolean };

export function installPeerAddressHeader(): void {
  const global = globalThis as Installed;
  if (global[INSTALLED]) return;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket?.remoteAddress ?? "";
  });
  global[INSTALLED] = true;
}

export function trustedProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const hops = Number(env.DUIZHAO_TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}

/** Headers as a Fetch `Headers`, or as the plain object next-auth hands to `authorize`. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(source: HeaderSource, name: string): string | null {
  if (!source) return null;
  if (source instanceof Headers) return source.get(name);
  const value = source[name];
  return (Array.isArray(value) ? value.join(",") : value) ?? null;
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; at most 64 characters (the column's width). */
function normalise(address: string): string {
  return address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").toLowerCase().slice(0, 64);
}

/**
 * The client address, or null when it cannot be known (the peer header is missing, e.g. a request
 * that arrived while the server was still starting): then only the account is throttled.
 */
export function clientAddress(headers: HeaderSource, env: NodeJS.ProcessEnv = process.env, peerHeaderInstalled = (globalThis as Installed)[INSTALLED] === true): string | null {
  const peer = peerHeaderInstalled ? header(headers, PEER_ADDRESS_HEADER)?.trim() : null;
  if (!peer) return null;
  const hops = trustedProxyHops(env);
  const forwarded = hops === 0 ? [] : (header(headers, "x-forwarded-for") ?? "").split(",").map((a) => a.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  return normalise(chain[Math.max(0, chain.length - 1 - hops)]!) || null;
}
