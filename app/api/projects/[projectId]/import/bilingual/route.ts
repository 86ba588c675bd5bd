import { authorizeProject } from "@/lib/auth/access";
import { ImportError } from "@/lib/documents/import-error";
import { importBilingualUpload } from "@/lib/documents/import-upload";
import { queryText, uploadQuery, uploadRoute } from "@/lib/http/upload-route";
import { asJob } from "@/lib/jobs/registry";

const query = uploadQuery.extend({ title: queryText(1_000).optional() });

/**
 * POST (the file as the body, ?name=&title=&jobId=) — a document from the bilingual file the
 * import page previewed, read again here; answers 201 { documentId }. Progress at GET /api/jobs/:jobId.
 */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return uploadRoute(request, query, async (user, { title, jobId }, upload) => {
    const { project } = await authorizeProject(user, projectId, "document.import");
    const file = upload();
    if (!file) throw new ImportError("choose-file-again", "invalid-request");
    // i18n-exempt: the job's internal name (GET /api/jobs); the page shows its own translated label
    const document = await asJob(jobId, user.id, "Importing a document", (job) => importBilingualUpload({ projectId: project.id, file, title, actorId: user.id }, job));
    return Response.json({ documentId: document.id }, { status: 201 });
  });
}
