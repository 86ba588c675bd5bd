import { z } from "zod";
import { authorizeDocument } from "@/lib/auth/access";
import { jsonRoute } from "@/lib/http/json-route";
import { bulkApprove } from "@/lib/review/bulk-approve";

const bodySchema = z.object({ segmentIds: z.array(z.string()).min(1).max(100_000) });

/** POST { segmentIds } — approve these segments; answers { approved, refused: [{ position, reason }] }. */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    await authorizeDocument(user, documentId, "segment.review");
    return bulkApprove(documentId, body.segmentIds, user.id);
  });
}
