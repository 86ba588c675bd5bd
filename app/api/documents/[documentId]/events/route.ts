import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonGet } from "@/lib/http/json-route";
import { openDocumentStream } from "@/lib/events/stream";

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

/**
 * GET — the document's live event stream (Server-Sent Events, lib/events/stream.ts): what others
 * save, approve, comment, join or split, and who is where. Members who may view the document only;
 * a member removed meanwhile, or a session ended, is cut off at the next delivery.
 */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, documentId, "document.view");
    const after = lastSeen(request);
    if (after === "invalid") throw new CodedError("invalid-request", 400);
    const stream = openDocumentStream({ documentId, projectId: document.projectId, userId: user.id, sessionId: user.sessionId ?? null, after, signal: request.signal });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        // nginx must pass events through as they come, not buffer them.
        "x-accel-buffering": "no",
      },
    });
  }, request);
}
