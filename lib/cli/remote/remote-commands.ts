import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { ExportFormatId } from "@/lib/exchange/format-ids";
import { documentLine, projectLine } from "../list-lines";
import type { CliIO } from "../main";
import { connect, refusal, RemoteFailure, type ApiClient } from "./connection";
import type { RemoteOptions } from "./target";

/**
 * import, export, list and qa against a remote Duizhao (`--server`), through API v1 with the
 * token's rights. Output and exit codes follow the local commands (0 done, 1 failed, 2 usage).
 */

interface Session {
  io: CliIO;
  client: ApiClient;
  remote: RemoteOptions;
}

/** Runs one remote command; a refused or failed call is one message on stderr and exit code 1. */
export async function runRemote(io: CliIO, remote: RemoteOptions, command: (session: Session) => Promise<number>): Promise<number> {
  try {
    return await command({ io, remote, client: connect(remote, io) });
  } catch (error) {
    if (!(error instanceof RemoteFailure)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
}

async function projects({ client, remote }: Session) {
  const { data, error, response } = await client.GET("/projects");
  if (!data) throw refusal(remote, "Listing the projects", response, error);
  return data.projects;
}

async function documentsOf({ client, remote }: Session, project: { id: string; name: string }, title?: string) {
  const { data, error, response } = await client.GET("/projects/{projectId}/documents", { params: { path: { projectId: project.id }, query: title ? { q: title } : {} } });
  if (!data) throw refusal(remote, `Listing the documents of "${project.name}"`, response, error);
  return data.documents;
}

/** A document by id, else the newest with exactly this title among the projects the token sees. */
async function findDocument(session: Session, idOrTitle: string): Promise<{ id: string; title: string }> {
  const { client, remote } = session;
  if (idOrTitle.length <= 64) {
    const { data, error, response } = await client.GET("/documents/{documentId}", { params: { path: { documentId: idOrTitle } } });
    if (data) return data.document;
    if (response.status !== 404) throw refusal(remote, `Looking up "${idOrTitle}"`, response, error);
  }
  const found: { id: string; title: string; createdAt: string }[] = [];
  if (idOrTitle.length <= 200) for (const project of await projects(session)) found.push(...(await documentsOf(session, project, idOrTitle)).filter((d) => d.title === idOrTitle));
  const newest = found.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!newest) throw new RemoteFailure(`No document with id or title "${idOrTitle}" on ${remote.server} that this token can see. \`duizhao list --server …\` shows them.`);
  return newest;
}

export async function remoteList(session: Session): Promise<number> {
  const all = await projects(session);
  if (all.length === 0) session.io.out("No projects.");
  for (const project of all) {
    session.io.out(projectLine(project));
    for (const doc of await documentsOf(session, project)) session.io.out(documentLine(doc));
  }
  return 0;
}

export async function remoteImport(session: Session, options: { filePath: string; project: string; title?: string; applyJoins: boolean }): Promise<number> {
  const { io, client, remote } = session;
  const visible = await projects(session);
  const project = visible.find((p) => p.id === options.project) ?? visible.find((p) => p.name === options.project);
  if (!project) {
    io.err(`No project named "${options.project}" on ${remote.server} that this token can see. \`duizhao list --server …\` shows the projects.`);
    return 1;
  }
  const fileName = path.basename(options.filePath);
  const joins = options.applyJoins ? "all" : "none";
  const { data, error, response } = await client.POST("/projects/{projectId}/documents/upload", {
    params: { path: { projectId: project.id } },
    body: { file: fileName, joins, ...(options.title ? { title: options.title } : {}) },
    // The description types the file as a string (format: binary); the form carries the bytes.
    bodySerializer: (body) => {
      const form = new FormData();
      form.set("file", new Blob([fs.readFileSync(options.filePath)]), fileName);
      form.set("joins", joins);
      if (body.title) form.set("title", body.title);
      return form;
    },
  });
  if (!data) throw refusal(remote, `Import of ${fileName} into "${project.name}"`, response, error, `The project "${project.name}" is no longer on ${remote.server}, or this token may not see it.`);
  const doc = data.document;
  io.out(`Imported "${doc.title}" into "${project.name}" on ${remote.server}: ${doc.segmentCount} segments (${doc.statusCounts.untranslated ?? 0} untranslated).`);
  io.out(`Document id: ${doc.id}`);
  return 0;
}

/** The server's file name (Content-Disposition), reduced to a plain name: a server chooses no directory. */
function suggestedName(header: string | null, format: ExportFormatId): string {
  const encoded = header && /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  const plain = header && /filename="([^"]*)"/i.exec(header)?.[1];
  let name = "";
  try {
    name = encoded ? decodeURIComponent(encoded) : (plain ?? "");
  } catch {
    name = plain ?? "";
  }
  name = path.basename(name.replace(/[\\/]+/g, "/")).replace(/[\u0000-\u001f]/g, "").trim();
  return name && name !== "." && name !== ".." ? name : `document.${format.replace(/-.*/, "")}`;
}

export async function remoteExport(session: Session, options: { document: string; format: ExportFormatId; out?: string; approved: boolean; comments: boolean }): Promise<number> {
  const { io, client, remote } = session;
  const doc = await findDocument(session, options.document);
  const { data, error, response } = await client.POST("/documents/{documentId}/export", {
    params: { path: { documentId: doc.id } },
    body: { format: options.format, scope: options.approved ? "approved" : "all", comments: options.comments },
    parseAs: "stream",
  });
  // parseAs "stream": `data` is the body itself, unread.
  if (!response.ok || !response.body || data === undefined) throw refusal(remote, `Export of "${doc.title}"`, response, error);
  const out = path.resolve(options.out ?? suggestedName(response.headers.get("content-disposition"), options.format));
  // Streamed to a file beside the target, renamed when complete: a broken connection leaves no half file under the real name.
  const partial = `${out}.${process.pid}.part`;
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), fs.createWriteStream(partial));
    fs.renameSync(partial, out);
  } catch (failure) {
    fs.rmSync(partial, { force: true });
    throw new RemoteFailure(`Export of "${doc.title}" broke off while downloading (${(failure as Error).message}). Nothing was written to ${out}.`);
  }
  const versionId = response.headers.get("x-version-id");
  const versions = versionId ? (await client.GET("/documents/{documentId}/versions", { params: { path: { documentId: doc.id } } })).data?.versions : undefined;
  const label = versions?.find((v) => v.id === versionId)?.label;
  io.out(`Exported ${response.headers.get("x-segment-count") ?? "the"} segments of "${doc.title}" from ${remote.server} as ${options.format} to ${out}${label ? ` (version “${label}”)` : ""}.`);
  return 0;
}

export async function remoteQa(session: Session, options: { document: string; format: string; strict: boolean }): Promise<number> {
  const { io, client, remote } = session;
  const doc = await findDocument(session, options.document);
  const { data, error, response } = await client.GET("/documents/{documentId}/qa", { params: { path: { documentId: doc.id } } });
  if (!data) throw refusal(remote, `QA of "${doc.title}"`, response, error);
  const results = data.results.map((r) => ({ index: r.index, id: r.id, findings: r.findings.map((f) => ({ check: f.check, severity: f.severity, message: f.message })) }));
  const all = results.flatMap((r) => r.findings);
  if (options.format === "json") io.out(JSON.stringify(results, null, 2));
  else for (const r of results) for (const f of r.findings) io.out(`${r.index}\t${r.id}\t${f.severity}\t${f.check}\t${f.message}`);
  if (options.format !== "json") {
    io.err(`${results.length} of ${data.segments} segments checked (untranslated ones are not): ${all.filter((f) => f.severity === "error").length} errors, ${all.filter((f) => f.severity === "warning").length} warnings.`);
  }
  return options.strict && all.some((f) => f.severity === "error") ? 1 : 0;
}
