"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { deleteTerm, saveTerm } from "@/lib/glossary/glossary-repository";
import { importGlossaryFile } from "@/lib/glossary/import-glossary-file";
import { CodedError } from "@/lib/http/coded-error";
import { asJob } from "@/lib/jobs/registry";
import { uploadBytes } from "@/lib/exchange/upload-bytes";

const termSchema = z.object({ projectId: z.string(), id: z.string().optional(), source: z.string().max(400), target: z.string().max(400), note: z.string().max(1000), forbidden: z.boolean() });

export async function saveTermAction(input: z.input<typeof termSchema>) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "glossary.edit");
    const data = termSchema.parse(input);
    await saveTerm(project.id, data, user.id);
    revalidatePath(`/projects/${project.id}/glossary`);
    return {};
  }, input);
}

export async function deleteTermAction(input: { projectId: string; id: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "glossary.edit");
    await deleteTerm(project.id, String(input.id));
    revalidatePath(`/projects/${project.id}/glossary`);
    return {};
  }, input);
}

/** Imports a CSV (source, target, note, forbidden) or TBX glossary; existing pairs are kept. */
export async function importGlossaryAction(formData: FormData) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(formData.get("projectId") ?? ""), "glossary.edit");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new CodedError("glossary-file-required", 409);
    const data = await uploadBytes(file);
    // Progress at GET /api/jobs/:jobId for the page that chose the id.
    // i18n-exempt: the job's internal name (GET /api/jobs); the page shows its own translated label
    const result = await asJob(String(formData.get("jobId") ?? ""), user.id, "Importing a glossary", (job) => importGlossaryFile(project, { name: file.name, data }, user.id, job));
    revalidatePath(`/projects/${project.id}/glossary`);
    return result;
  });
}
