import { revalidatePath } from "next/cache";
import { authorizeProject } from "@/lib/auth/access";
import { uploadBytes } from "@/lib/exchange/upload-bytes";
import { importGlossaryFile } from "@/lib/glossary/import-glossary-file";
import { CodedError } from "@/lib/http/coded-error";
import { uploadQuery, uploadRoute } from "@/lib/http/upload-route";
import { asJob } from "@/lib/jobs/registry";

/** POST (a CSV or TBX file as the body, ?name=&jobId=) — imports its terms; pairs already there are kept. Answers { added, skipped }. */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return uploadRoute(request, uploadQuery, async (user, { jobId }, upload) => {
    const { project } = await authorizeProject(user, projectId, "glossary.edit");
    const file = upload();
    if (!file) throw new CodedError("glossary-file-required", 409);
    // Read a chunk at a time under the time budget (upload-bytes.ts); progress at GET /api/jobs/:jobId.
    const data = await uploadBytes(file);
    // i18n-exempt: the job's internal name (GET /api/jobs); the page shows its own translated label
    const result = await asJob(jobId, user.id, "Importing a glossary", (job) => importGlossaryFile(project, { name: file.name, data }, user.id, job));
    revalidatePath(`/projects/${project.id}/glossary`);
    return result;
  });
}
