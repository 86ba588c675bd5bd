import { authorizeProject } from "@/lib/auth/access";
import { ImportError } from "@/lib/documents/import-error";
import { previewUploadedFile } from "@/lib/documents/import-preview";
import { uploadQuery, uploadRoute } from "@/lib/http/upload-route";

/**
 * POST (the file as the body, ?name=) — the import page's preview of an uploaded file
 * (lib/documents/import-preview.ts says what it answers). Creates nothing.
 */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return uploadRoute(request, uploadQuery, async (user, _query, upload) => {
    const { project } = await authorizeProject(user, projectId, "document.import");
    const file = upload();
    if (!file) throw new ImportError("choose-file-again", "invalid-request");
    return previewUploadedFile(project.id, file);
  });
}
