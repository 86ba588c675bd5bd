import fs from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db";
import { exportFileName, prepareExport } from "@/lib/exchange/export-document";
import { EXPORT_FORMATS, isExportFormat, renderExport } from "@/lib/exchange/formats";
import type { CliIO } from "./main";

/** `duizhao export <document> --format F --out FILE [--approved] [--no-comments]`: the same files as the app. */
export async function runExport(io: CliIO, options: { document: string; format: string; out?: string; approved: boolean; comments: boolean }): Promise<number> {
  if (!isExportFormat(options.format)) {
    io.err(`Unknown format "${options.format}". Formats: ${Object.keys(EXPORT_FORMATS).join(", ")}.`);
    return 2;
  }
  const document =
    (await prisma.document.findUnique({ where: { id: options.document } })) ??
    (await prisma.document.findFirst({ where: { title: options.document }, orderBy: { createdAt: "desc" } }));
  if (!document) {
    io.err(`No document with id or title "${options.document}". \`duizhao list\` shows them.`);
    return 1;
  }
  const doc = await prepareExport(document.id, { format: options.format, scope: options.approved ? "approved" : "all", withComments: options.comments }, null);
  const out = path.resolve(options.out ?? exportFileName(document.title, options.format));
  fs.writeFileSync(out, await renderExport(options.format, doc));
  io.out(`Exported ${doc.segments.length} segments of "${document.title}" as ${EXPORT_FORMATS[options.format].label} to ${out} (version “${doc.versionLabel}”).`);
  return 0;
}
