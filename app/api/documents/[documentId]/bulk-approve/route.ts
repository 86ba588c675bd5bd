import { z } from "zod";
import { authorizeDocument } from "@/lib/auth/access";
import { jsonRoute } from "@/lib/http/json-route";
import { asJob, JOB_ID } from "@/lib/jobs/registry";
import { bulkApprove } from "@/lib/review/bulk-approve";

const bodySchema = z.object({ segmentIds: z.array(z.string().max(100)).min(1).max(100_000), jobId: z.string().regex(JOB_ID).optional() });

/**
 * POST { segmentIds, jobId? } — approve these segments; answers { approved, refused: [{ position, reason }] }.
 * With a jobId, GET /api/jobs/:jobId shows the progress meanwhile.
 */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    await authorizeDocument(user, documentId, "segment.review");
    return asJob(body.jobId, user.id, "Approving segments", (job) => bulkApprove(documentId, body.segmentIds, user.id, job));
  });
}
