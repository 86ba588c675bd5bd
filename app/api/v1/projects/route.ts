import { prisma } from "@/lib/db";
import { apiRoute } from "@/lib/api/api-route";
import { createProject, listProjects } from "@/lib/api/endpoints/projects";
import { CodedError } from "@/lib/http/coded-error";
import { createProjectAs } from "@/lib/projects/create-project";
import { listProjectSummaries } from "@/lib/projects/project-repository";

export const GET = apiRoute(listProjects, async ({ user, caller }) => {
  const projects = await listProjectSummaries(prisma, user);
  return { projects: caller.projectId === null ? projects : projects.filter((p) => p.id === caller.projectId) };
});

export const POST = apiRoute(createProject, async ({ user, caller, body }) => {
  // A token restricted to one project cannot make another.
  if (caller.projectId !== null) throw new CodedError("forbidden", 403);
  const project = await createProjectAs(user, body).catch((error: unknown) => {
    if (error instanceof CodedError && error.code === "project-name-taken") throw new CodedError(error.code, 409, error.params);
    throw error;
  });
  return Response.json({ project: { id: project.id, name: project.name } }, { status: 201 });
});
