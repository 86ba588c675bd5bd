import { z } from "zod";
import { AccessDenied, authorizeDocument, deniedResponse, requireUser } from "@/lib/auth/access";
import { applyReplace, previewReplace } from "@/lib/revisions/replace-in-document";

const specSchema = z.object({
  find: z.string().min(1).max(1000),
  replace: z.string().max(1000),
  regex: z.boolean().default(false),
  matchCase: z.boolean().default(false),
});
const bodySchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("preview"), spec: specSchema }),
  z.object({ mode: z.literal("apply"), spec: specSchema, segments: z.array(z.object({ segmentId: z.string(), version: z.number().int() })).max(100_000) }),
]);

/** POST { mode: "preview", spec } → { changes } · { mode: "apply", spec, segments } → { applied, skipped } */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  try {
    const user = await requireUser();
    const body = bodySchema.safeParse(await request.json().catch(() => null));
    if (!body.success) return Response.json({ error: body.error.issues[0]?.message ?? "Invalid request." }, { status: 400 });
    const { role } = await authorizeDocument(user, documentId, "document.view");
    const result =
      body.data.mode === "preview"
        ? await previewReplace(documentId, body.data.spec, user, role)
        : await applyReplace(documentId, body.data.spec, body.data.segments, user, role);
    if ("error" in result) return Response.json({ error: result.error }, { status: 422 });
    return Response.json(Array.isArray(result) ? { changes: result } : result);
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error);
    throw error;
  }
}
