import { jsonRoute } from "@/lib/http/json-route";
import { answerSave, saveBodySchema } from "@/lib/revisions/save-request";

/** POST { target, baseVersion, confirm } — save a translation (lib/revisions/save-request.ts says what it answers). */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, saveBodySchema, (user, body) => answerSave(user, segmentId, body));
}
