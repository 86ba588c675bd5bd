import { apiRoute } from "@/lib/api/api-route";
import { listMembers } from "@/lib/api/endpoints/projects";
import { projectMembers } from "@/lib/projects/membership-service";

export const GET = apiRoute(listMembers, async ({ params, authorizeProject }) => {
  await authorizeProject(params.projectId, "project.view");
  return { members: await projectMembers(params.projectId) };
});
