"use server";

import { revalidatePath } from "next/cache";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { prisma } from "@/lib/db";
import { ImportError } from "@/lib/documents/import-error";
import { checkUploadSize } from "@/lib/exchange/upload-limits";
import { CodedError } from "@/lib/http/coded-error";
import { Refusal } from "@/lib/http/refusal";
import { asJob } from "@/lib/jobs/registry";
import { importMemoryTmx } from "@/lib/memory/memory-service";

/** Imports a TMX file into the project's memory. */
export async function importMemoryAction(formData: FormData) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(formData.get("projectId") ?? ""), "memory.manage");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new CodedError("tmx-file-required", 409);
    try {
      checkUploadSize(file.name, file.size);
      // Progress at GET /api/jobs/:jobId for the page that chose the id.
      const result = await asJob(String(formData.get("jobId") ?? ""), user.id, "memory-import", (job) =>
        importMemoryTmx(project.id, file, file.name, { source: project.sourceLang, target: project.targetLang }, job),
      );
      revalidatePath(`/projects/${project.id}/memory`);
      return result;
    } catch (error) {
      if (error instanceof ImportError) throw Refusal.ofImport(error);
      throw error;
    }
  });
}

/** Whether approvals in this project also go to (and lookups also search) the shared memory. */
export async function setSharedMemoryAction(input: { projectId: string; shared: boolean }) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "memory.manage");
    await prisma.project.update({ where: { id: project.id }, data: { sharedMemory: input.shared === true } });
    revalidatePath(`/projects/${project.id}/memory`);
    return {};
  }, input);
}
