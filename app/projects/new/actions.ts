"use server";

import { requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { createProjectAs, newProjectSchema } from "@/lib/projects/create-project";

export async function createProjectAction(input: { name: string; description?: string; reviewStages: number; qualityThreshold?: number; fourEyes?: boolean }) {
  return runAction(async () => {
    const data = newProjectSchema.parse(input);
    const user = await requireUser();
    const project = await createProjectAs(user, data);
    return { projectId: project.id };
  }, input);
}
