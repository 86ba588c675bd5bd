import { z } from "zod";
import { AccessDenied, ownsAProject } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { createProject } from "./membership-service";

/** What a new project takes: the new-project page and the public API validate with this. */
export const newProjectSchema = z.object({
  name: z.string().max(120),
  description: z.string().max(500).optional(),
  reviewStages: z.union([z.literal(1), z.literal(2)]),
  qualityThreshold: z.number().min(0).max(1000).optional(),
  fourEyes: z.boolean().optional(),
});
export type NewProject = z.infer<typeof newProjectSchema>;

/** Creates a project owned by `user`, who must be allowed to (site admins and people who already own one). */
export async function createProjectAs(user: SessionUser, input: NewProject) {
  if (!can(user, "project.create", { role: null, ownsAProject: await ownsAProject(user.id) })) throw new AccessDenied(403);
  return createProject(user.id, input);
}
