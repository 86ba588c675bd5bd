import { z } from "zod";
import { newProjectSchema } from "@/lib/projects/create-project";
import { endpoint } from "../endpoint";
import { Member, Project, projectParams } from "../schemas";

const tag = "Projects";

export const listProjects = endpoint({
  method: "get", path: "/projects", operationId: "listProjects", tag, scope: "read",
  summary: "Projects the caller belongs to (every project for a site admin; only its project for a restricted token)",
  responses: { 200: { description: "The projects, with progress.", schema: z.object({ projects: z.array(Project) }) } },
});

export const createProject = endpoint({
  method: "post", path: "/projects", operationId: "createProject", tag, scope: "admin",
  summary: "Create a project owned by the caller (site admins and people who already own a project)",
  body: { kind: "json", schema: newProjectSchema.meta({ id: "NewProject" }) },
  responses: { 201: { description: "Created.", schema: z.object({ project: z.object({ id: z.string(), name: z.string() }) }) } },
  errors: [409, 422],
});

export const getProject = endpoint({
  method: "get", path: "/projects/{projectId}", operationId: "getProject", tag, scope: "read",
  summary: "One project with progress",
  params: projectParams,
  responses: { 200: { description: "The project.", schema: z.object({ project: Project }) } },
  errors: [404],
});

export const listMembers = endpoint({
  method: "get", path: "/projects/{projectId}/members", operationId: "listMembers", tag, scope: "read",
  summary: "The project's members and their roles",
  params: projectParams,
  responses: { 200: { description: "Members, oldest first.", schema: z.object({ members: z.array(Member) }) } },
  errors: [404],
});
