import { authorizeSegment } from "@/lib/auth/access";
import { jsonCommand, RouteRefusal } from "@/lib/http/json-route";
import { prisma } from "@/lib/db";
import { configuredProvider, MtError } from "@/lib/mt/providers";

/** POST — a machine translation of the segment's source (a suggestion: nothing is saved). */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonCommand(request, async (user) => {
    const { segment } = await authorizeSegment(user, segmentId, "segment.edit");
    const provider = configuredProvider();
    if (!provider) throw new RouteRefusal(404, "Machine translation is not configured on this server.");
    const document = await prisma.document.findUniqueOrThrow({ where: { id: segment.documentId }, select: { sourceLang: true, targetLang: true } });
    try {
      const [text] = await provider.translate([segment.source], { source: document.sourceLang, target: document.targetLang });
      return { text, provider: provider.label };
    } catch (error) {
      if (error instanceof MtError) throw new RouteRefusal(502, error.message, { kind: error.kind });
      throw error;
    }
  });
}
