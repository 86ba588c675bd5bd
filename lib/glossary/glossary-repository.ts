import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import type { GlossaryRow } from "./glossary-files";
import type { GlossaryEntry } from "./term-check";

export const MAX_TERM_LENGTH = 200;

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

/** Adds imported rows, skipping ones already there; all in one transaction. */
export async function importTerms(projectId: string, rows: GlossaryRow[], actorId: string): Promise<{ added: number; skipped: number }> {
  const cleaned = rows.map(clean);
  return prisma.$transaction(async (tx) => {
    const existing = new Set((await tx.glossaryTerm.findMany({ where: { projectId }, select: { source: true, target: true } })).map((t) => `${t.source}\u0000${t.target}`));
    let added = 0;
    for (const row of cleaned) {
      const key = `${row.source}\u0000${row.target}`;
      if (existing.has(key)) continue;
      existing.add(key);
      await tx.glossaryTerm.create({ data: { projectId, ...row, createdById: actorId } });
      added++;
    }
    return { added, skipped: cleaned.length - added };
  });
}
