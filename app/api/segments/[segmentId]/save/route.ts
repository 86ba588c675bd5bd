import { jsonRoute } from "@/lib/http/json-route";
import { answerSave, saveBodySchema } from "@/lib/revisions/save-request";

/**
 * POST { target, baseVersion, confirm } — save a translation (lib/revisions/save-request.ts says
 * what it answers). Under `npm start` the production server answers this address before Next.js,
 * with the same checks and answers (lib/http/save-fast-path.ts); this route serves it under
 * `npm run dev` and for any address form the fast path leaves to Next.
 */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, saveBodySchema, (user, body) => answerSave(user, segmentId, body));
}
