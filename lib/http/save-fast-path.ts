import type { IncomingMessage, ServerResponse } from "node:http";
import { AccessDenied } from "@/lib/auth/access";
import { sessionOrPendingOf } from "@/lib/auth/session";
import { answerSave, saveBodySchema } from "@/lib/revisions/save-request";
import { JsonAnswer } from "./json-answer";
import { jsonRouteAnswer } from "./json-route";
import { nodeRequestHead, readNodeJsonBody, type ServerAddress } from "./node-request";

/**
 * The editor's save, POST /api/segments/:id/save, answered by the production server
 * (scripts/start-server.mjs) before Next.js routes the request (issue 18). Next's own pipeline —
 * router, NextRequest, web streams, response piping — cost about 6 ms of CPU per request on this
 * hardware, several times the save itself; see BENCHMARKS.md, "Notes on the save-latency target".
 *
 * It makes exactly the route's checks, in the route's order and with the same answers: it runs
 * the same jsonRouteAnswer (lib/http/json-route.ts: 413 for a declared or streamed body over the
 * limit, the cross-site guard's 415/403, 401 signed out — the session row re-read, so a sign-out
 * or password change ends the session at once; on PostgreSQL by the save's own statement, one
 * round trip for both (lib/auth/pending-session.ts) — then the body's checks and schema) around the
 * same answerSave (permissions, 409 stale version, 422), on a view of the Node request
 * (lib/http/node-request.ts) instead of a fetch Request. The proxy (proxy.ts) does not run for
 * this address under `next start` either. `npm run dev` serves the save through the route.
 *
 * This file is bundled apart from Next's build (scripts/build-cli.mjs), so it has its own copy of
 * every lib module it reaches: any module state the save touches must live on globalThis to be
 * the same as the Next bundle's (the Prisma client and its connection, the event bus, the fence,
 * the token cache, the outbox worker's wake-up, the id sequence).
 */

/**
 * The save's address exactly as the route serves it: no trailing slash (Next redirects that) and an
 * id of plain characters (cuid / UUID); anything else is left to Next, which answers it as before.
 */
const SAVE_PATH = /^\/api\/segments\/([A-Za-z0-9_-]{1,100})\/save(?:\?.*)?$/;

/** The segment id of a request this path answers, or null (Next answers it). */
export function fastSaveSegmentId(req: IncomingMessage): string | null {
  if (req.method !== "POST") return null;
  return SAVE_PATH.exec(req.url ?? "")?.[1] ?? null;
}

/** Writes a JSON answer as Response.json would have been written: the JSON text, `application/json`. */
function writeAnswer(res: ServerResponse, answer: JsonAnswer) {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** A Response (never from answerSave today; kept correct should it give one). */
async function writeResponse(res: ServerResponse, response: Response) {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Answers one save. An error that is not a refusal is a bug: logged, and answered 500 with no
 * body, as Next answers a route handler that throws.
 */
export async function answerSaveRequest(req: IncomingMessage, res: ServerResponse, segmentId: string, server: ServerAddress): Promise<void> {
  try {
    const head = nodeRequestHead(req, server);
    const answer = await jsonRouteAnswer(
      head,
      () => readNodeJsonBody(req),
      saveBodySchema,
      (user, body) => answerSave(user, segmentId, body),
      // On PostgreSQL the session row is read by the save's own statement (a PendingSession).
      async () => {
        const who = await sessionOrPendingOf(head);
        if (!who) throw new AccessDenied(401);
        return who;
      },
    );
    if (answer instanceof JsonAnswer) writeAnswer(res, answer);
    else await writeResponse(res, answer);
  } catch (error) {
    console.error(`Error: failed to save segment ${segmentId}:`, error);
    if (!res.headersSent) res.writeHead(500, { "content-length": "0" });
    res.end();
  }
}
