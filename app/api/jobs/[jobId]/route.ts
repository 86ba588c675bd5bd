import { AccessDenied, requireUser } from "@/lib/auth/access";
import { jsonGet } from "@/lib/http/json-route";
import { jobProgress, JOB_ID } from "@/lib/jobs/registry";

export const dynamic = "force-dynamic";

/**
 * GET → the progress of a long operation the signed-in user started. 204 (no content) while this
 * instance knows no such job of theirs: the page starts polling with the id it chose before the
 * server has read the request and started the work (an upload is read and analysed first), and
 * behind a round-robin proxy a poll may reach another instance — neither is an error, and a 404
 * there was logged in the browser's console on every import. Someone else's job answers the same.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    if (!JOB_ID.test(jobId)) throw new AccessDenied(404);
    return jobProgress(jobId, user.id) ?? new Response(null, { status: 204 });
  });
}
