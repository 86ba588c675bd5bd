import fs from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db";
import { maxUploadBytes } from "@/lib/config/limits";
import { createBilingualDocument } from "@/lib/exchange/import-bilingual";
import { readUpload } from "@/lib/exchange/read-upload";
import { importText } from "@/lib/documents/import-document";
import { ImportError } from "@/lib/documents/import-error";
import { findProjectByIdOrName } from "@/lib/projects/project-repository";
import type { CliIO } from "./main";

export async function runImport(
  io: CliIO,
  options: { filePath: string; project: string; title?: string; applyJoins: boolean },
): Promise<number> {
  const project = await findProjectByIdOrName(prisma, options.project);
  if (!project) {
    io.err(`No project named "${options.project}". \`duizhao list\` shows the projects.`);
    return 1;
  }
  const size = fs.statSync(options.filePath).size;
  if (size > maxUploadBytes()) {
    throw new ImportError("cli-file-too-large", "too-large", { size: (size / 1048576).toFixed(1), limit: maxUploadBytes() / 1048576 });
  }
  const fileName = path.basename(options.filePath);
  const read = await readUpload(fileName, fs.readFileSync(options.filePath), { unknownAsText: true });
  if (read.kind === "review-table") {
    io.err("This is a Duizhao review table: bring it back to its document in the app (Re-import), where the changes are shown before they are applied.");
    return 1;
  }
  if (read.kind === "bilingual") {
    const document = await createBilingualDocument({ projectId: project.id, title: options.title ?? read.title ?? fileName.replace(/\.[^.]+$/, ""), origin: `cli:${fileName}`, actorId: null, units: read.units, format: read.format });
    const segments = await prisma.segment.count({ where: { documentId: document.id } });
    io.out(`Imported "${document.title}" into "${project.name}" from ${read.format.toUpperCase()}: ${segments} segments with their translations and statuses.`);
    io.out(`Document id: ${document.id}`);
    return 0;
  }
  const { text, encoding } = read;
  const { document, segmentCount, analysis } = await importText(prisma, {
    projectId: project.id,
    text,
    format: read.format === "markdown" ? "markdown" : "text",
    title: options.title,
    acceptedJoins: options.applyJoins ? "all" : [],
    origin: `cli:${fileName}`,
    actorId: null,
    encoding,
  });
  for (const join of analysis.joins) {
    const first = analysis.blocks[join.first]!.text;
    const second = analysis.blocks[join.second]!.text;
    io.out(`${options.applyJoins ? "joined" : "kept apart"}: …${first.slice(-12)} + ${second.slice(0, 12)}…${join.between.length ? ` (${join.between.length} caption(s) in between stay separate)` : ""}`);
  }
  for (const block of analysis.blocks.filter((b) => b.truncated)) {
    io.out(`probably truncated (no continuation before the next heading): …${block.text.slice(-16)}`);
  }
  io.out(`Imported "${document.title}" into "${project.name}": ${segmentCount} segments from ${analysis.blocks.length} blocks (${encoding}).`);
  io.out(`Document id: ${document.id}`);
  return 0;
}
