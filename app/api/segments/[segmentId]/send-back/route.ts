import { authorizeSegment, requireUser } from "@/lib/auth/access";
import { jsonGet } from "@/lib/http/json-route";
import { sendBackOf } from "@/lib/review/send-back";

/** GET — the reviewer's comment and text diff for a segment sent back ({ sendBack: null } otherwise). */
export async function GET(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    await authorizeSegment(user, segmentId, "document.view");
    return { sendBack: await sendBackOf(segmentId) };
  }, request);
}
