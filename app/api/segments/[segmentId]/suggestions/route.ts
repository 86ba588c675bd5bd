import { authorizeSegment, requireUser } from "@/lib/auth/access";
import { jsonGet } from "@/lib/http/json-route";
import { lookupMemory } from "@/lib/memory/memory-service";
import { configuredProvider } from "@/lib/mt/providers";

/** GET — the best translation-memory matches for the segment's source, and whether MT is on. */
export async function GET(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    const { segment } = await authorizeSegment(user, segmentId, "document.view");
    const memory = await lookupMemory(segment.document.projectId, segment.source, 3, segment.target);
    const provider = configuredProvider();
    return { memory, mt: provider ? { label: provider.label } : null };
  }, request);
}
