import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { jsonGet } from "@/lib/http/json-route";
import { reviewBaselines } from "@/lib/review/since-my-review";

/** GET — { baselines: { segmentId: the text when the caller last approved or reviewed it } }. */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    await authorizeDocument(user, documentId, "segment.review");
    return { baselines: await reviewBaselines(documentId, user.id) };
  }, request);
}
