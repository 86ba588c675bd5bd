import { z } from "zod";
import { authorizeSegment } from "@/lib/auth/access";
import { jsonRoute } from "@/lib/http/json-route";
import { ignoreFinding, unignoreFinding } from "@/lib/qa/qa-ignores";

const bodySchema = z.object({
  check: z.string().min(1).max(40),
  message: z.string().min(1).max(2_000),
  reason: z.string().trim().max(500, "qa-ignore-reason-too-long").default(""),
  ignore: z.boolean().default(true),
});

/** POST { check, message, reason, ignore } — a reviewer ignores (or un-ignores) a QA finding, with a reason. */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    await authorizeSegment(user, segmentId, "qa.ignore");
    if (body.ignore) await ignoreFinding({ segmentId, check: body.check, message: body.message, reason: body.reason, userId: user.id });
    else await unignoreFinding({ segmentId, check: body.check, message: body.message });
    return { ok: true };
  });
}
