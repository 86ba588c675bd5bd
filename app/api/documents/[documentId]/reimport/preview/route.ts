import { authorizeDocument } from "@/lib/auth/access";
import { previewReimportUpload } from "@/lib/exchange/reimport-preview";
import { CodedError } from "@/lib/http/coded-error";
import { uploadQuery, uploadRoute } from "@/lib/http/upload-route";
import { requestLocale } from "@/lib/i18n/locales";

/**
 * POST (the file as the body, ?name=) — what a file brought back would change in this document:
 * the plan is kept on the server, its summary and first page answered
 * (lib/exchange/reimport-preview.ts). Changes no segment.
 */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return uploadRoute(request, uploadQuery, async (user, _query, upload) => {
    const { document, role } = await authorizeDocument(user, documentId, "segment.edit");
    const file = upload();
    if (!file) throw new CodedError("reimport-file-required", 409);
    return previewReimportUpload(document.id, file, user, role, requestLocale(request, user.locale));
  });
}
