import { AccessDenied, authorizeDocument, requireUser } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonGet } from "@/lib/http/json-route";
import { endedStream, openDocumentStream } from "@/lib/events/stream";

// A stream per request, never cached or prerendered; Node, for the database and the bus.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A seq the client says it has: Last-Event-ID on a reconnect, ?after= on the first connect. */
function lastSeen(request: Request): number | null | "invalid" {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after");
  if (raw === null || raw === "") return null;
  if (!/^\d{1,15}$/.test(raw)) return "invalid";
  return Number(raw);
}

const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // nginx must pass events through as they come, not buffer them.
  "x-accel-buffering": "no",
};

/** EventSource (and any event-stream client) asks for text/event-stream; curl or fetch without it get JSON errors. */
function wantsEventStream(request: Request): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes("text/event-stream");
}

/**
 * GET — the document's live event stream (Server-Sent Events, lib/events/stream.ts): what others
 * save, approve, comment, join or split, and who is where. Members who may view the document only;
 * a member removed meanwhile, or a session ended, is cut off at the next delivery with an `ended`
 * message. A client asking for text/event-stream that is signed out or may not see the document
 * gets that same `ended` message with a 200 (EventSource cannot read a 401/403, and would retry
 * for ever); other clients get the JSON error with its status.
 */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonGet(async () => {
    let access;
    try {
      const user = await requireUser();
      access = { user, ...(await authorizeDocument(user, documentId, "document.view")) };
    } catch (error) {
      if (!(error instanceof AccessDenied) || !wantsEventStream(request)) throw error;
      // 404 (not a member, or no such document) says no more than 403 here: both are "noAccess".
      return new Response(endedStream(documentId, error.status === 401 ? "signedOut" : "noAccess"), { headers: STREAM_HEADERS });
    }
    const { user, document } = access;
    const after = lastSeen(request);
    if (after === "invalid") throw new CodedError("invalid-request", 400);
    const stream = openDocumentStream({ documentId, projectId: document.projectId, userId: user.id, sessionId: user.sessionId ?? null, after, signal: request.signal });
    return new Response(stream, { headers: STREAM_HEADERS });
  }, request);
}
