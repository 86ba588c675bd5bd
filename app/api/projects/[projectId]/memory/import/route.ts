import { revalidatePath } from "next/cache";
import { authorizeProject } from "@/lib/auth/access";
import { ImportError } from "@/lib/documents/import-error";
import { CodedError } from "@/lib/http/coded-error";
import { Refusal } from "@/lib/http/refusal";
import { uploadQuery, uploadRoute } from "@/lib/http/upload-route";
import { asJob } from "@/lib/jobs/registry";
import { importMemoryTmx } from "@/lib/memory/memory-service";

/** POST (the TMX file as the body, ?name=&jobId=) — imports it into the project's memory; answers { added, skipped }. */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return uploadRoute(request, uploadQuery, async (user, { jobId }, upload) => {
    const { project } = await authorizeProject(user, projectId, "memory.manage");
    const file = upload();
    if (!file) throw new CodedError("tmx-file-required", 409);
    try {
      // Progress at GET /api/jobs/:jobId for the page that chose the id.
      const result = await asJob(jobId, user.id, "memory-import", (job) => importMemoryTmx(project.id, file, file.name, { source: project.sourceLang, target: project.targetLang }, job));
      revalidatePath(`/projects/${project.id}/memory`);
      return result;
    } catch (error) {
      // A file that cannot be read is 409 (413 when too large) with its code, as the public API answers.
      if (error instanceof ImportError) throw Refusal.ofImport(error);
      throw error;
    }
  });
}
