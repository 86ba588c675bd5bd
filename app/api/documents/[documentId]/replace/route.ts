import { z } from "zod";
import { authorizeDocument } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonRoute } from "@/lib/http/json-route";
import { asJob, JOB_ID } from "@/lib/jobs/registry";
import { parseListInSlices } from "@/lib/jobs/parse-in-slices";
import { applyReplace, previewReplace } from "@/lib/revisions/replace-in-document";

const specSchema = z.object({
  find: z.string().min(1).max(1000),
  replace: z.string().max(1000),
  regex: z.boolean().default(false),
  matchCase: z.boolean().default(false),
});
const seenSegment = z.object({ segmentId: z.string().max(100), version: z.number().int() });
const bodySchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("preview"), spec: specSchema }),
  // The segments are checked one by one in slices (parseListInSlices): 100,000 in one go held the event loop.
  z.object({ mode: z.literal("apply"), spec: specSchema, segments: z.array(z.unknown()).max(100_000), jobId: z.string().regex(JOB_ID).optional() }),
]);

/** POST { mode: "preview", spec } → { changes } · { mode: "apply", spec, segments, jobId? } → { applied, skipped } (progress at GET /api/jobs/:jobId) */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    const { role } = await authorizeDocument(user, documentId, "document.view");
    if (body.mode === "preview") {
      const changes = await previewReplace(documentId, body.spec, user, role);
      if ("error" in changes) throw new CodedError(changes.code, 422, changes.params);
      return { changes };
    }
    const seen = await parseListInSlices(seenSegment, body.segments, ["segments"]);
    const result = await asJob(body.jobId, user.id, "Replacing", (job) => applyReplace(documentId, body.spec, seen, user, role, job));
    if ("error" in result) throw new CodedError(result.code, 422, result.params);
    return result;
  });
}
