import { bulkInsert, type JsonCell } from "@/lib/bulk-insert";
import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { CodedError } from "@/lib/http/coded-error";
import { newId } from "@/lib/ids";
import type { JobHandle } from "@/lib/jobs/registry";
import { inSlices, TimeSlicer } from "@/lib/jobs/time-slice";
import type { GlossaryRow } from "./glossary-files";
import type { GlossaryEntry } from "./term-check";

export const MAX_TERM_LENGTH = 200;

/** Terms shown per page on the glossary page. */
export const GLOSSARY_PAGE_SIZE = 100;

/**
 * One page of the glossary, optionally only the terms whose Chinese, English or note contain
 * `query` (case-insensitive for English), with the counts: the page never renders the whole
 * glossary (150,000 terms took seconds to render, holding the server for everyone).
 */
export async function glossaryPage(projectId: string, options: { query?: string; page?: number }): Promise<{ terms: GlossaryEntry[]; total: number; matching: number; page: number; pageCount: number }> {
  const query = (options.query ?? "").trim().slice(0, MAX_TERM_LENGTH);
  // SQLite's LIKE ignores ASCII case already; PostgreSQL's needs to be told.
  const contains = dialect === "postgresql" ? { contains: query, mode: "insensitive" as const } : { contains: query };
  const where = query ? { projectId, OR: [{ source: contains }, { target: contains }, { note: contains }] } : { projectId };
  const [total, matching] = await Promise.all([prisma.glossaryTerm.count({ where: { projectId } }), query ? prisma.glossaryTerm.count({ where }) : null]);
  const found = matching ?? total;
  const pageCount = Math.max(1, Math.ceil(found / GLOSSARY_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1) || 1), pageCount);
  const rows = await prisma.glossaryTerm.findMany({ where, orderBy: [{ source: "asc" }, { target: "asc" }], skip: (page - 1) * GLOSSARY_PAGE_SIZE, take: GLOSSARY_PAGE_SIZE });
  return { terms: rows.map((r) => ({ id: r.id, source: r.source, target: r.target, forbidden: r.forbidden, note: r.note })), total, matching: found, page, pageCount };
}

export async function listGlossary(projectId: string): Promise<GlossaryEntry[]> {
  const rows = await prisma.glossaryTerm.findMany({ where: { projectId }, orderBy: [{ source: "asc" }, { target: "asc" }] });
  return rows.map((r) => ({ id: r.id, source: r.source, target: r.target, forbidden: r.forbidden, note: r.note }));
}

function clean(row: GlossaryRow): GlossaryRow {
  const out = { source: row.source.trim(), target: row.target.trim(), note: row.note.trim().slice(0, 500), forbidden: row.forbidden };
  if (!out.target) throw new CodedError("term-target-required", 409);
  if (!out.source && !out.forbidden) throw new CodedError("term-source-required", 409);
  if (out.source.length > MAX_TERM_LENGTH || out.target.length > MAX_TERM_LENGTH) throw new CodedError("term-too-long", 409, { max: MAX_TERM_LENGTH });
  return out;
}

export async function saveTerm(projectId: string, input: GlossaryRow & { id?: string }, actorId: string) {
  const row = clean(input);
  const clash = await prisma.glossaryTerm.findFirst({ where: { projectId, source: row.source, target: row.target, ...(input.id ? { NOT: { id: input.id } } : {}) } });
  if (clash) throw new CodedError("term-exists", 409, { source: row.source, target: row.target });
  if (input.id) {
    const existing = await prisma.glossaryTerm.findUnique({ where: { id: input.id } });
    if (!existing || existing.projectId !== projectId) throw new CodedError("term-not-found", 409);
    return prisma.glossaryTerm.update({ where: { id: input.id }, data: row });
  }
  return prisma.glossaryTerm.create({ data: { projectId, ...row, createdById: actorId } });
}

export async function deleteTerm(projectId: string, id: string) {
  const { count } = await prisma.glossaryTerm.deleteMany({ where: { id, projectId } });
  if (!count) throw new CodedError("term-not-found", 409);
}

/**
 * Adds imported rows, skipping pairs already there. Every row is checked before anything is
 * written (one bad row refuses the file); then the new terms are added in slices of a few
 * milliseconds (one multi-row insert each) with a turn of the event loop between, so a
 * 30,000-term file no longer holds the server for the 44 s one insert per term took. Pairs
 * already stored are skipped by the insert itself (a probe of the project/source/target index
 * per row): the import used to read every stored pair first, a page at a time ordered by id,
 * which made SQLite sort the project's whole glossary for each page — the longest wait grew with
 * the glossary (281 → 374 ms over five 30,000-term imports, BENCHMARKS.md).
 */
export async function importTerms(projectId: string, rows: GlossaryRow[], actorId: string, job?: JobHandle): Promise<{ added: number; skipped: number }> {
  const slicer = new TimeSlicer();
  const inFile = new Set<string>();
  const fresh: JsonCell[][] = [];
  for (const row of rows) {
    await slicer.maybeYield();
    const term = clean(row);
    const key = `${term.source}\u0000${term.target}`;
    if (inFile.has(key)) continue;
    inFile.add(key);
    fresh.push([newId(), term.source, term.target, term.note, term.forbidden]);
  }
  job?.phase("addingTerms", fresh.length);
  const now = new Date();
  let added = 0;
  await inSlices(
    fresh,
    async (slice) => {
      added += await bulkInsert(prisma, "GlossaryTerm", ["id", "source", "target", "note", "forbidden"], slice, { projectId, createdById: actorId, createdAt: now, updatedAt: now }, { skipExisting: ["projectId", "source", "target"] });
    },
    { initial: 100, max: 5_000, onProgress: (done) => job?.progress(done) },
  );
  return { added, skipped: rows.length - added };
}
