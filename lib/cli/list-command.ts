import { prisma } from "@/lib/db";
import { listDocumentSummaries, listProjectSummaries } from "@/lib/projects/project-repository";
import type { CliIO } from "./main";

export async function runList(io: CliIO): Promise<number> {
  const projects = await listProjectSummaries(prisma, "all");
  if (projects.length === 0) io.out("No projects.");
  for (const project of projects) {
    io.out(`${project.name}  [${project.id}]  ${project.sourceLang}→${project.targetLang}  ${project.documentCount} document(s)`);
    for (const doc of await listDocumentSummaries(prisma, project.id)) {
      const c = doc.statusCounts;
      io.out(
        `  ${doc.title}  [${doc.id}]  ${doc.segmentCount} segments: ${c.untranslated} untranslated, ${c.draft + c.translated + c.changes_requested} in translation, ${c.reviewed + c.approved} reviewed/approved`,
      );
    }
  }
  return 0;
}
