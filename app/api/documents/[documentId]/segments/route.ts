import { z } from "zod";
import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { prisma } from "@/lib/db";
import { segmentChunk, segmentSlice } from "@/lib/documents/document-queries";
import { segmentSnapshots } from "@/lib/events/snapshots";
import { NEXT_AFTER_HEADER } from "@/lib/editor/chunk-chain";
import { CodedError } from "@/lib/http/coded-error";
import { compressedJson } from "@/lib/http/compressed-json";
import { jsonGet } from "@/lib/http/json-route";

const MAX_PAGE = 5_000;
const querySchema = z.object({
  from: z.coerce.number().min(0, "range-from-negative").max(10_000_000, "range-from-too-far").int("range-from-whole").default(0),
  limit: z.coerce.number().min(1, "range-limit-too-small").max(MAX_PAGE, "range-limit-too-large").int("range-limit-whole").default(1000),
});

const chunkSchema = z.object({
  after: z.coerce.number().min(-1, "range-from-negative").max(10_000_000, "range-from-too-far").int("range-from-whole"),
  limit: z.coerce.number().min(1, "range-limit-too-small").max(MAX_PAGE, "range-limit-too-large").int("range-limit-whole").default(1000),
});

const RANGE_CODES = ["range-from-negative", "range-from-too-far", "range-from-whole", "range-limit-too-small", "range-limit-too-large", "range-limit-whole"] as const;
const rangeCode = (message: string | undefined) => RANGE_CODES.find((c) => c === message) ?? "invalid-range";

/** At most this many ids in one `?ids=` re-read (a resync larger than this reloads in slices). */
const MAX_IDS = 5_000;
// Ids are cuid/UUID-like: anything else (a NUL byte, which PostgreSQL refuses in text) is a 400.
const idsSchema = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/)).max(MAX_IDS);

/**
 * GET ?after=-1&limit=2000[&total=1] — the editor's chunk: segments after that position, in order
 * (keyset paging), and `next`, the position to continue after (null at the end; also in the
 * x-duizhao-next-after header, "end" there); `total` only when asked for.
 * GET ?from=0&limit=2000 — a slice by offset (random access: "segment N"), with the total.
 * GET ?ids=a,b,c — those segments (the live stream's stale and resync events name them), in
 * order; ids of other documents or of joined-away segments are left out.
 */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    await authorizeDocument(user, documentId, "document.view");
    const url = new URL(request.url);
    const idList = url.searchParams.get("ids");
    if (idList !== null) {
      const ids = idsSchema.safeParse(idList.split(",").filter(Boolean));
      if (!ids.success) throw new CodedError("invalid-request", 400);
      return { segments: await segmentSnapshots(prisma, documentId, ids.data) };
    }
    const after = url.searchParams.get("after");
    if (after !== null) {
      const chunk = chunkSchema.safeParse({ after, limit: url.searchParams.get("limit") || undefined });
      if (!chunk.success) throw new CodedError(rangeCode(chunk.error.issues[0]?.message), 400, { max: MAX_PAGE });
      const answer = await segmentChunk(prisma, documentId, { ...chunk.data, withTotal: url.searchParams.get("total") === "1" });
      // `next` in a header too: the editor's chain asks for the following chunk on the headers.
      return compressedJson(request, answer, { [NEXT_AFTER_HEADER]: answer.next === null ? "end" : String(answer.next) });
    }
    const query = querySchema.safeParse({ from: url.searchParams.get("from") || undefined, limit: url.searchParams.get("limit") || undefined });
    // The schema's messages are error codes (the limit's message takes the page size).
    if (!query.success) throw new CodedError(rangeCode(query.error.issues[0]?.message), 400, { max: MAX_PAGE });
    const { from, limit } = query.data;
    const { total, segments } = await segmentSlice(prisma, documentId, from, limit);
    return { total, from, segments };
  }, request);
}
