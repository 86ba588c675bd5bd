import { prisma } from "@/lib/db";
import { AccessDenied } from "@/lib/auth/access";
import { apiRoute } from "@/lib/api/api-route";
import { getProject } from "@/lib/api/endpoints/projects";
import { listProjectSummaries } from "@/lib/projects/project-repository";

export const GET = apiRoute(getProject, async ({ user, params, authorizeProject }) => {
  await authorizeProject(params.projectId, "project.view");
  const project = (await listProjectSummaries(prisma, user)).find((p) => p.id === params.projectId);
  if (!project) throw new AccessDenied(404);
  return { project };
});
