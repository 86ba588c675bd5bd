import { z } from "zod";
import { authorizeDocument } from "@/lib/auth/access";
import { jsonRoute } from "@/lib/http/json-route";
import { asJob, JOB_ID } from "@/lib/jobs/registry";
import { parseListInSlices } from "@/lib/jobs/parse-in-slices";
import { bulkApprove } from "@/lib/review/bulk-approve";

// The ids are checked one by one in slices (parseListInSlices): 100,000 in one go held the event loop.
const bodySchema = z.object({ segmentIds: z.array(z.unknown()).min(1).max(100_000), jobId: z.string().regex(JOB_ID).optional() });
const segmentId = z.string().max(100);

/**
 * POST { segmentIds, jobId? } — approve these segments; answers { approved, refused: [{ position, reason }] }.
 * With a jobId, GET /api/jobs/:jobId shows the progress meanwhile.
 */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    await authorizeDocument(user, documentId, "segment.review");
    const segmentIds = await parseListInSlices(segmentId, body.segmentIds, ["segmentIds"]);
    return asJob(body.jobId, user.id, "Approving segments", (job) => bulkApprove(documentId, segmentIds, user.id, job));
  });
}
