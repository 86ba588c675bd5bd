import { authorizeDocument } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonCommand } from "@/lib/http/json-route";
import { pretranslate } from "@/lib/mt/pretranslate";
import { configuredProvider } from "@/lib/mt/providers";

/** POST — fill every empty target with machine translation, as drafts marked MT. */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonCommand(request, async (user) => {
    const { document } = await authorizeDocument(user, documentId, "document.pretranslate");
    const provider = configuredProvider();
    if (!provider) throw new CodedError("mt-not-configured", 404);
    return pretranslate(document.id, provider, user.id);
  });
}
