import type { IncomingMessage, ServerResponse } from "node:http";
import { AccessDenied } from "@/lib/auth/access";
import { sessionUserFor } from "@/lib/auth/session";
import { claimsOfToken, tokenFromCookieHeader } from "@/lib/auth/session-token";
import { maxRequestBytes, maxUploadBytes } from "@/lib/config/limits";
import { answerSave, saveBodySchema } from "@/lib/revisions/save-request";
import { jsonRoute } from "./json-route";

/**
 * PROTOTYPE (issue 18), not on the default start path: the editor's save answered by a custom
 * server before Next.js routes it (scripts/prototype/fast-save-server.mjs), to measure what Next's
 * own per-request pipeline costs a save. Every check the proxy and the route make is made here, in
 * the same order and with the same answers: the proxy's 413 for an oversized body and its 401 for
 * a request without a decodable session token, then the route itself (jsonRoute: the cross-site
 * guard, the session re-read, the body checks and schema, answerSave).
 */
export const SAVE_PATH = /^\/api\/segments\/([^/?#]+)\/save\/?(?:\?.*)?$/;

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The body, up to `limit` bytes (as Next buffers it for the proxy: beyond that it is cut short), as UTF-8 text. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function fastSave(req: IncomingMessage, res: ServerResponse, segmentId: string): Promise<void> {
  // As proxy.ts: oversized bodies, then requests without a session token.
  if (Number(req.headers["content-length"] ?? 0) > maxRequestBytes()) {
    const limit = Math.round(maxUploadBytes() / 1048576);
    return send(res, 413, { error: `The request is larger than the server accepts: uploads are limited to ${limit} MB (DUIZHAO_MAX_UPLOAD_MB).`, code: "too-large" });
  }
  const forwardedProto = req.headers["x-forwarded-proto"];
  const cookieToken = tokenFromCookieHeader(req.headers.cookie, Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto);
  // next-auth's getToken (the proxy) also takes a bearer token; the route then reads the cookie only.
  const bearer = req.headers.authorization?.startsWith("Bearer ") ? req.headers.authorization.slice(7) : null;
  const claims = cookieToken ? await claimsOfToken(cookieToken) : null;
  if (!claims && !(bearer && (await claimsOfToken(bearer)))) return send(res, 401, { error: "Please sign in." });

  const body = await readBody(req, maxRequestBytes());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: "POST", headers, body });
  const response = await jsonRoute(request, saveBodySchema, (user, parsed) => answerSave(user, segmentId, parsed), async () => {
    const user = await sessionUserFor(claims);
    if (!user) throw new AccessDenied(401);
    return user;
  });
  const text = await response.text();
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  out["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(response.status, out);
  res.end(text);
}
