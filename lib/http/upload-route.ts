import { z } from "zod";
import { requireUser } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import type { NamedUpload } from "@/lib/exchange/upload-bytes";
import { checkUploadSize } from "@/lib/exchange/upload-limits";
import { requestLocale } from "@/lib/i18n/locales";
import { JOB_ID } from "@/lib/jobs/registry";
import { CodedError, errorResponse } from "./coded-error";
import { invalidRequest, isSameOrigin, refusalResponse } from "./json-route";

/**
 * File uploads as route handlers that read the request's body as it arrives (issue 13). The
 * page posts the file itself as the body (`fetch(url, { body: file })`), its name and the
 * options in the query; the body goes to the file worker a chunk at a time. Through a server
 * action, the multipart body was decoded first (busboy, inside Next), the whole file gathered
 * and copied on the request thread before any of our code saw it — and the proxy buffered it once
 * more — so these routes are also left out of the proxy (proxy.ts) and make its checks themselves.
 */

/**
 * The cross-site guard for uploads, as crossSiteRefusal (json-route.ts) for JSON: a same-origin
 * Origin/Sec-Fetch-Site, and a body of type application/octet-stream, which no form or simple
 * request of another site can send without a CORS preflight (Duizhao grants none).
 */
export function uploadCrossSiteRefusal(request: Request): Response | null {
  if (!isSameOrigin(request)) return errorResponse("cross-site", 403, requestLocale(request));
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/octet-stream") return errorResponse("upload-body-required", 415, requestLocale(request));
  return null;
}

/**
 * Text from the query that becomes a document's title or origin: control characters dropped (a
 * file name can carry them, and PostgreSQL refuses a NUL in text), then trimmed.
 */
export const queryText = (max: number) =>
  z
    .string()
    .transform((text) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ""))
    .pipe(z.string().trim().max(max));

/** The query every upload takes: the file's name, and the id under which the page follows its progress (GET /api/jobs/:jobId). */
export const uploadQuery = z.object({ name: queryText(255).optional(), jobId: z.string().regex(JOB_ID).optional() });

/**
 * The request's file — its name (from the query) and its body, read once, as a stream — or null
 * when it has none (no name or an empty body: each route says which file it wants). Over the
 * upload limit is refused here (413, the file named) on its declared length, before a byte is
 * read; Node's parser then reads no more than that length (browsers always declare a file's
 * length; a body without one is refused, 411).
 */
function uploadOf(request: Request, name: string | undefined): NamedUpload | null {
  const declared = request.headers.get("content-length")?.trim();
  if (!name || !request.body || declared === "0") return null;
  if (!declared || !/^\d{1,16}$/.test(declared)) throw new CodedError("upload-length-required", 411);
  const size = Number(declared);
  checkUploadSize(name, size);
  const body = request.body;
  let read = false;
  return {
    name,
    size,
    stream() {
      if (read) throw new Error("an upload's body is read once");
      read = true;
      return body;
    },
  };
}

/**
 * A file upload's route: the cross-site guard, the signed-in user (401 JSON), the query checked by
 * `query` (400; its `name` is the file's), then `run`, refusals turned into status codes as
 * jsonRoute does. `run` checks the person's permission first, then takes the file with `upload()`
 * (413 over the limit, 411 without a length; null when none was sent).
 */
export async function uploadRoute<Q extends { name?: string }>(
  request: Request,
  query: z.ZodType<Q>,
  run: (user: SessionUser, query: Q, upload: () => NamedUpload | null) => Promise<Response | object>,
): Promise<Response> {
  const refused = uploadCrossSiteRefusal(request);
  if (refused) return refused;
  let user: SessionUser | null = null;
  try {
    user = await requireUser();
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return invalidRequest(parsed.error, requestLocale(request, user.locale));
    const result = await run(user, parsed.data, () => uploadOf(request, parsed.data.name));
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    return refusalResponse(error, request, user);
  }
}
