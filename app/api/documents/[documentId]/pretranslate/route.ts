import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { jsonGet, RouteRefusal } from "@/lib/http/json-route";
import { pretranslate } from "@/lib/mt/pretranslate";
import { configuredProvider } from "@/lib/mt/providers";

/** POST — fill every empty target with machine translation, as drafts marked MT. */
export async function POST(_request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, documentId, "document.pretranslate");
    const provider = configuredProvider();
    if (!provider) throw new RouteRefusal(404, "Machine translation is not configured on this server.");
    return pretranslate(document.id, provider, user.id);
  });
}
