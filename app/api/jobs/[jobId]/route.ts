import { AccessDenied, requireUser } from "@/lib/auth/access";
import { jsonGet } from "@/lib/http/json-route";
import { jobProgress, JOB_ID } from "@/lib/jobs/registry";

export const dynamic = "force-dynamic";

/** GET → the progress of a long operation the signed-in user started (404 for anyone else's, or one this instance never ran). */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    const progress = JOB_ID.test(jobId) ? jobProgress(jobId, user.id) : null;
    if (!progress) throw new AccessDenied(404);
    return progress;
  });
}
