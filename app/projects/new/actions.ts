"use server";

import { z } from "zod";
import { AccessDenied, ownsAProject, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { can } from "@/lib/auth/permissions";
import { createProject } from "@/lib/projects/membership-service";

const schema = z.object({ name: z.string().max(120), description: z.string().max(500).optional(), reviewStages: z.union([z.literal(1), z.literal(2)]), qualityThreshold: z.number().min(0).max(1000).optional(), fourEyes: z.boolean().optional() });

export async function createProjectAction(input: { name: string; description?: string; reviewStages: number; qualityThreshold?: number; fourEyes?: boolean }) {
  return runAction(async () => {
    const data = schema.parse(input);
    const user = await requireUser();
    if (!can(user, "project.create", { role: null, ownsAProject: await ownsAProject(user.id) })) throw new AccessDenied(403);
    const project = await createProject(user.id, data);
    return { projectId: project.id };
  }, input);
}
