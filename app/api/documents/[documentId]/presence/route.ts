import { z } from "zod";
import { authorizeDocument } from "@/lib/auth/access";
import { jsonCommand, jsonRoute } from "@/lib/http/json-route";
import { prisma } from "@/lib/db";
import { heartbeat, leave } from "@/lib/documents/presence";

const bodySchema = z.object({ segmentId: z.string().max(100).nullable() });

/** POST { segmentId } — I am here (in that segment); answers with the others present. */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    await authorizeDocument(user, documentId, "document.view");
    // A segment id from another document is ignored rather than stored.
    const segmentId = body.segmentId && (await prisma.segment.count({ where: { id: body.segmentId, documentId, removedAt: null } })) ? body.segmentId : null;
    return { others: await heartbeat(user.id, documentId, segmentId) };
  });
}

/** DELETE — I left (sent when the editor closes). Members only, like the heartbeat. */
export async function DELETE(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonCommand(request, async (user) => {
    await authorizeDocument(user, documentId, "document.view");
    await leave(user.id, documentId);
    return new Response(null, { status: 204 });
  });
}
