import { authorizeSegment, requireUser } from "@/lib/auth/access";
import { jsonGet } from "@/lib/http/json-route";
import { segmentHistory } from "@/lib/revisions/segment-history";

/** GET — the segment's timeline: every revision, comment and resolution, oldest first. */
export async function GET(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    await authorizeSegment(user, segmentId, "document.view");
    return { history: await segmentHistory(segmentId) };
  }, request);
}
