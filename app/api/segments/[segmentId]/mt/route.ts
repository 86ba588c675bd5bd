import { authorizeSegment } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonCommand } from "@/lib/http/json-route";
import { prisma } from "@/lib/db";
import { configuredProvider, MtError } from "@/lib/mt/providers";

/** POST — a machine translation of the segment's source (a suggestion: nothing is saved). */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonCommand(request, async (user) => {
    const { segment } = await authorizeSegment(user, segmentId, "segment.edit");
    const provider = configuredProvider();
    if (!provider) throw new CodedError("mt-not-configured", 404);
    const document = await prisma.document.findUniqueOrThrow({ where: { id: segment.documentId }, select: { sourceLang: true, targetLang: true } });
    try {
      const [text] = await provider.translate([segment.source], { source: document.sourceLang, target: document.targetLang });
      return { text, provider: provider.label };
    } catch (error) {
      // The kind selects its name in the message (ICU select keys take no hyphen); `details.kind` keeps it as it is.
      if (error instanceof MtError) throw new CodedError("mt-failed", 502, { kind: error.kind.replace("-", "_"), problem: error.message }, { kind: error.kind });
      throw error;
    }
  });
}
