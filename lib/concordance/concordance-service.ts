import { shownDocumentSql } from "@/lib/documents/importing";
import { prisma } from "@/lib/db";
import { dialect, sql } from "@/lib/db-dialect";
import { CodedError } from "@/lib/http/coded-error";
import { staleSegmentsSql } from "./segment-index";
import { charLength, ftsMatch, hitRanges, likeContains, MAX_QUERY_CHARS, normalizeQuery, TRIGRAM_MIN_CHARS, type Side } from "./query";

/**
 * Concordance search (issue 16 §3): every occurrence of a piece of text in the project's documents
 * (source and current target) and in every translation memory the project uses (its own and,
 * when it shares, the shared one), newest first; each page holds both (half each while both have more).
 *
 * Queries of 3 or more characters go through the database's trigram index (SQLite: the FTS5
 * tables `SegmentFts`/`MemoryUnitFts`; PostgreSQL: pg_trgm GIN indexes), so they cost the same
 * over 1,000,000 units as over 1,000. A trigram index cannot answer 1–2 characters (昆山, "of"):
 * those read at most SHORT_WINDOW rows per table and request, newest first (a bounded scan); the
 * page's cursor continues the scan, so paging on still finds every occurrence.
 */

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Rows a short (1–2 character) query reads per source and request. */
export const SHORT_WINDOW = 10_000;


export interface ConcordanceResult {
  kind: "segment" | "memory";
  id: string;
  source: string;
  target: string;
  sourceHits: [number, number][];
  targetHits: [number, number][];
  /** ISO time: a segment's last change, a memory unit's creation. */
  date: string;
  /** Segments: status, document and 1-based number in it. */
  status?: string;
  documentId?: string;
  documentTitle?: string;
  number?: number;
  /** Memory: which memory, and where the unit came from (approval | tmx:<file>). */
  memory?: "project" | "shared";
  origin?: string;
}

export interface ConcordancePage {
  query: string;
  side: Side;
  results: ConcordanceResult[];
  /** Pass back as `cursor` for the next page; null when nothing is left. */
  nextCursor: string | null;
  /** Whether the trigram index answered (false: a 1–2 character query, scanned in windows). */
  indexed: boolean;
}

type Phase = "s" | "m";
type Key = number | string;
/** Where each source goes on: a key to continue below, null to start, false when it is done. */
type Cursor = Record<Phase, Key | null | false>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.s, cursor.m])).toString("base64url");
}

function decodeCursor(raw: string | null | undefined): Cursor {
  if (!raw) return { s: null, m: null };
  try {
    const parts = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    const ok = (k: unknown) => k === null || k === false || (dialect === "sqlite" ? Number.isSafeInteger(k) : typeof k === "string" && k.length <= 64);
    if (Array.isArray(parts) && parts.length === 2 && parts.every(ok) && !(parts[0] === false && parts[1] === false)) return { s: parts[0] as Key | null | false, m: parts[1] as Key | null | false };
  } catch {
    // falls through to the refusal
  }
  throw new CodedError("concordance-bad-cursor", 400);
}

/** The query as searched, or a coded refusal (empty, too long). */
export function searchableQuery(raw: string): string {
  const query = normalizeQuery(raw);
  if (!query) throw new CodedError("concordance-query-empty", 400);
  if (charLength(query) > MAX_QUERY_CHARS) throw new CodedError("concordance-query-too-long", 400, { max: MAX_QUERY_CHARS });
  return query;
}

interface Row {
  k: number | bigint | string;
  id: string;
  source: string;
  target: string;
  date: string | Date;
  status?: string;
  position?: number | bigint;
  documentId?: string;
  documentTitle?: string;
  projectId?: string | null;
  origin?: string;
}

interface Scope {
  projectId: string;
  shared: boolean;
  query: string;
  side: Side;
  indexed: boolean;
  window: number;
}

const pg = () => dialect === "postgresql";
/** The ordering key: SQLite's rowid (the FTS5 index's key), PostgreSQL's primary key. */
const keyOf = (alias: string) => (pg() ? `${alias}."id"` : `${alias}.rowid`);
/**
 * PostgreSQL: ILIKE folds the case of every row it reads, which costs three times LIKE on Chinese
 * text; a query without cased letters (Chinese, digits, punctuation) finds the same rows with LIKE,
 * and the trigram indexes answer both.
 */
const likeOperator = (query: string) => (pg() && (query.toLowerCase() !== query || query.toUpperCase() !== query) ? "ILIKE" : "LIKE");
function sideFilter(alias: string, scope: Pick<Scope, "side" | "query">): string {
  const cols = scope.side === "both" ? ["source", "target"] : [scope.side];
  return `(${cols.map((c) => `${alias}."${c}" ${likeOperator(scope.query)} ? ESCAPE '\\'`).join(" OR ")})`;
}
const sideParams = (scope: Scope) => Array(scope.side === "both" ? 2 : 1).fill(likeContains(scope.query)) as string[];
const memoryScope = (alias: string, shared: boolean) => (shared ? `(${alias}."projectId" = ? OR ${alias}."projectId" IS NULL)` : `${alias}."projectId" = ?`);

/** A project's segments as concordance shows them (alias s, its document d): not removed, in a shown document. */
const SEGMENT_SCOPE = `d."projectId" = ? AND s."removedAt" IS NULL AND ${shownDocumentSql("d")}`;
const SEGMENT_COLUMNS = `s."id", s."source", s."target", s."status", s."position", s."updatedAt" AS "date", d."id" AS "documentId", d."title" AS "documentTitle"`;
const MEMORY_COLUMNS = `m."id", m."source", m."target", m."origin", m."projectId", m."createdAt" AS "date"`;

/** Hits through the trigram index: up to `take` rows with key below `after`, newest first. */
async function indexedRows(phase: Phase, scope: Scope, after: Key | null, take: number): Promise<Row[]> {
  const params: unknown[] = [];
  let text: string;
  if (pg()) {
    const table = phase === "s" ? "s" : "m";
    const where = [phase === "s" ? SEGMENT_SCOPE : memoryScope("m", scope.shared), sideFilter(table, scope)];
    params.push(scope.projectId, ...sideParams(scope));
    if (after !== null) (where.push(`${table}."id" < ?`), params.push(after));
    text =
      phase === "s"
        ? `SELECT s."id" AS "k", ${SEGMENT_COLUMNS} FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE ${where.join(" AND ")} ORDER BY s."id" DESC LIMIT ?`
        : `SELECT m."id" AS "k", ${MEMORY_COLUMNS} FROM "MemoryUnit" m WHERE ${where.join(" AND ")} ORDER BY m."id" DESC LIMIT ?`;
  } else {
    const fts = phase === "s" ? "SegmentFts" : "MemoryUnitFts";
    const where = [`"${fts}" MATCH ?`, phase === "s" ? SEGMENT_SCOPE : memoryScope("m", scope.shared)];
    params.push(ftsMatch(scope.query, scope.side), scope.projectId);
    // Segments saved since the index last caught up: their entries are of an older text (lib/concordance/segment-index.ts).
    if (phase === "s") where.push(`NOT ${staleSegmentsSql("f.rowid")}`);
    if (after !== null) (where.push(`f.rowid < ?`), params.push(after));
    text =
      phase === "s"
        ? `SELECT f.rowid AS "k", ${SEGMENT_COLUMNS} FROM "SegmentFts" f JOIN "Segment" s ON s.rowid = f.rowid JOIN "Document" d ON d."id" = s."documentId" WHERE ${where.join(" AND ")} ORDER BY f.rowid DESC LIMIT ?`
        : `SELECT f.rowid AS "k", ${MEMORY_COLUMNS} FROM "MemoryUnitFts" f JOIN "MemoryUnit" m ON m.rowid = f.rowid WHERE ${where.join(" AND ")} ORDER BY f.rowid DESC LIMIT ?`;
  }
  params.push(take);
  const rows = await prisma.$queryRawUnsafe<Row[]>(sql(text), ...params);
  if (pg() || phase !== "s") return rows;
  // …and those segments' current text, matched here, merged in key order (once each: another
  // process may re-index or note a segment between the two reads).
  const stale = await staleSegmentRows(scope, after, take);
  if (!stale.length) return rows;
  const byKey = new Map([...rows, ...stale].map((row) => [Number(row.k), row]));
  return [...byKey.values()].sort((a, b) => Number(b.k) - Number(a.k)).slice(0, take);
}

/** Noted segments read per statement while looking for a page's hits among them. */
const STALE_CHUNK = 200;

/**
 * SQLite: up to `take` of the project's segments whose index entry awaits re-indexing, below
 * `after`, newest first, holding the query in their current text — matched here the way the
 * trigram index matches (a case-insensitive substring, hitRanges; its case folding, one character
 * at a time, can differ from FTS5's in rare letters such as the Greek final sigma). Usually few: the
 * server re-indexes them within a fraction of a second; read in chunks, so many cost a page no more
 * than the chunks up to its last hit.
 */
async function staleSegmentRows(scope: Scope, after: Key | null, take: number): Promise<Row[]> {
  const holds = (text: string) => hitRanges(text, scope.query).length > 0;
  const found: Row[] = [];
  for (let below = after; found.length < take; ) {
    const where = [staleSegmentsSql("s.rowid"), SEGMENT_SCOPE];
    const params: unknown[] = [scope.projectId];
    if (below !== null) (where.push(`s.rowid < ?`), params.push(below));
    const chunk = await prisma.$queryRawUnsafe<Row[]>(
      `SELECT s.rowid AS "k", ${SEGMENT_COLUMNS} FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE ${where.join(" AND ")} ORDER BY s.rowid DESC LIMIT ${STALE_CHUNK}`,
      ...params,
    );
    found.push(...chunk.filter((row) => (scope.side !== "target" && holds(row.source)) || (scope.side !== "source" && holds(row.target))));
    if (chunk.length < STALE_CHUNK) break;
    below = normalizeKey(chunk.at(-1)!.k);
  }
  return found.slice(0, take);
}

/**
 * A short query reads one window: the next SHORT_WINDOW rows of the whole table in key order
 * below `after` (whatever their project, so a request never reads more rows than that), and keeps
 * the project's rows holding the query. First the window's far edge (PostgreSQL: keys only, from
 * the primary-key index; SQLite: rowid arithmetic), then the hits in key order, stopping at `take`.
 */
async function windowRows(phase: Phase, scope: Scope, after: Key | null, take: number): Promise<{ rows: Row[]; windowEnd: Key | null }> {
  const alias = phase === "s" ? "s" : "m";
  const table = phase === "s" ? `"Segment"` : `"MemoryUnit"`;
  let edge: { k: number | bigint | string } | undefined;
  if (pg()) {
    const k = await windowEdge(phase, after, scope.window);
    edge = k === null ? undefined : { k };
  } else {
    // SQLite's rowids are whole numbers handed out in order: the window is a rowid range, found
    // without reading it. Min and max rowid are one b-tree step each only as separate subqueries:
    // `SELECT min(rowid), max(rowid)` in one select scans the whole table (1.2 s over 1,000,000 units).
    const [range] = await prisma.$queryRawUnsafe<{ lo: number | bigint | null; hi: number | bigint | null }[]>(`SELECT (SELECT min(rowid) FROM ${table}) AS "lo", (SELECT max(rowid) FROM ${table}) AS "hi"`);
    const top = after !== null ? Number(after) - 1 : Number(range?.hi ?? 0);
    const k = top - scope.window + 1;
    edge = range?.lo != null && k > Number(range.lo) ? { k } : undefined;
  }
  const where = [phase === "s" ? SEGMENT_SCOPE : memoryScope("m", scope.shared), sideFilter(alias, scope)];
  const params: unknown[] = [scope.projectId, ...sideParams(scope)];
  if (after !== null) (where.push(`${keyOf(alias)} < ?`), params.push(after));
  if (edge) (where.push(`${keyOf(alias)} >= ?`), params.push(edge.k));
  params.push(take);
  const text =
    phase === "s"
      ? `SELECT ${keyOf("s")} AS "k", ${SEGMENT_COLUMNS} FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE ${where.join(" AND ")} ORDER BY ${keyOf("s")} DESC LIMIT ?`
      : `SELECT ${keyOf("m")} AS "k", ${MEMORY_COLUMNS} FROM "MemoryUnit" m WHERE ${where.join(" AND ")} ORDER BY ${keyOf("m")} DESC LIMIT ?`;
  const rows = await prisma.$queryRawUnsafe<Row[]>(sql(text), ...params);
  // The window's far edge is included above, so the next window starts below it.
  return { rows, windowEnd: edge ? normalizeKey(edge.k) : null };
}

/** PostgreSQL: the key `size` rows below `after` (or the top) in the whole table, from the primary-key index alone; null when fewer rows are left. */
async function windowEdge(phase: Phase, after: Key | null, size: number): Promise<string | null> {
  const table = phase === "s" ? `"Segment"` : `"MemoryUnit"`;
  const below = after !== null ? `WHERE t."id" < ?` : "";
  const [edge] = await prisma.$queryRawUnsafe<{ k: string }[]>(sql(`SELECT t."id" AS "k" FROM ${table} t ${below} ORDER BY t."id" DESC LIMIT 1 OFFSET ${size - 1}`), ...(after !== null ? [after] : []));
  return edge?.k ?? null;
}

const normalizeKey = (k: number | bigint | string): Key => (typeof k === "string" ? k : Number(k));

function toResult(phase: Phase, row: Row, query: string): ConcordanceResult {
  const common = {
    id: row.id,
    source: row.source,
    target: row.target,
    sourceHits: hitRanges(row.source, query),
    targetHits: hitRanges(row.target, query),
    date: new Date(row.date).toISOString(),
  };
  if (phase === "s") return { kind: "segment", ...common, status: row.status!, documentId: row.documentId!, documentTitle: row.documentTitle!, number: Number(row.position) + 1 };
  return { kind: "memory", ...common, memory: row.projectId === null ? "shared" : "project", origin: row.origin! };
}

/**
 * One page of concordance results for a project (whose access the caller has checked).
 * `query` is what the user typed or selected; `cursor` a page's `nextCursor`.
 */
export async function searchConcordance(projectId: string, rawQuery: string, options: { side?: Side; limit?: number; cursor?: string | null; /** Rows per window for short queries (tests make it small). */ window?: number; } = {}): Promise<ConcordancePage> {
  const query = searchableQuery(rawQuery);
  const side = options.side ?? "both";
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const cursor = decodeCursor(options.cursor);
  const project = await prisma.project.findUnique({ where: { id: projectId }, select: { sharedMemory: true } });
  if (!project) throw new CodedError("not-found", 404);
  const scope: Scope = { projectId, shared: project.sharedMemory, query, side, indexed: charLength(query) >= TRIGRAM_MIN_CHARS, window: Math.max(1, Math.trunc(options.window ?? SHORT_WINDOW)) };
  const results: ConcordanceResult[] = [];
  // Documents and memories share each page (half each while both have more), so neither hides
  // the other; each goes on from its own place in the cursor. A short query reads at most one
  // window of each per request.
  for (const phase of ["s", "m"] as const) {
    const after = cursor[phase];
    if (after === false) continue;
    const want = phase === "s" && cursor.m !== false ? Math.ceil(limit / 2) : limit - results.length;
    if (want <= 0) continue;
    let rows: Row[];
    let rest: Key | null; // where this source goes on, or null when it is done
    if (scope.indexed) {
      rows = await indexedRows(phase, scope, after, want + 1);
      rest = rows.length > want ? normalizeKey(rows[want - 1]!.k) : null;
    } else {
      const window = await windowRows(phase, scope, after, want + 1);
      rows = window.rows;
      rest = rows.length > want ? normalizeKey(rows[want - 1]!.k) : window.windowEnd;
    }
    for (const row of rows.slice(0, want)) results.push(toResult(phase, row, query));
    cursor[phase] = rest ?? false;
  }
  const more = cursor.s !== false || cursor.m !== false;
  return { query, side, results, nextCursor: more ? encodeCursor(cursor) : null, indexed: scope.indexed };
}
