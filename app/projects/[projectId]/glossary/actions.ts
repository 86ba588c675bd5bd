"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { deleteTerm, saveTerm } from "@/lib/glossary/glossary-repository";

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
