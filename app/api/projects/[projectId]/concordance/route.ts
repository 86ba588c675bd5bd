import { z } from "zod";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { MAX_LIMIT, searchConcordance } from "@/lib/concordance/concordance-service";
import { SIDES } from "@/lib/concordance/query";
import { CodedError } from "@/lib/http/coded-error";
import { jsonGet } from "@/lib/http/json-route";

const querySchema = z.object({
  q: z.string().max(4_000).default(""),
  side: z.enum(SIDES).default("both"),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
  cursor: z.string().max(200).optional(),
});

/** GET ?q=高新区&side=both|source|target&limit=20&cursor=… — concordance search over the project's documents and memories. Anyone who can read the project. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    await authorizeProject(user, projectId, "project.view");
    const url = new URL(request.url);
    const parsed = querySchema.safeParse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
    if (!parsed.success) throw new CodedError("concordance-bad-request", 400);
    const { q, side, limit, cursor } = parsed.data;
    return searchConcordance(projectId, q, { side, limit, cursor });
  }, request);
}
