import { prisma } from "@/lib/db";
import { listDocumentSummaries, listProjectSummaries } from "@/lib/projects/project-repository";
import { documentLine, projectLine } from "./list-lines";
import type { CliIO } from "./main";

export async function runList(io: CliIO): Promise<number> {
  const projects = await listProjectSummaries(prisma, "all");
  if (projects.length === 0) io.out("No projects.");
  for (const project of projects) {
    io.out(projectLine(project));
    for (const doc of await listDocumentSummaries(prisma, project.id)) io.out(documentLine(doc));
  }
  return 0;
}
