import { z } from "zod";
import { AccessDenied, authorizeDocument, authorizeProject, authorizeSegment } from "@/lib/auth/access";
import type { Action } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { CodedError, errorMessage, isErrorCode, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import { crossSiteRefusal, isSameOrigin } from "@/lib/http/json-route";
import { Refusal } from "@/lib/http/refusal";
import { MAX_LIST_ITEMS, requestBodyProblem } from "@/lib/http/well-formed-text";
import { requestLocale, type Locale } from "@/lib/i18n/locales";
import { authenticateApiRequest, type ApiCaller, type ApiScope } from "./authenticate";
import type { ApiEndpoint } from "./endpoint";
import { rateLimitedResponse, takeRateLimit } from "./rate-limit";

/**
 * The one wrapper every `/api/v1` handler goes through (issue 19). In order: who is calling
 * (401 JSON, never a redirect), the endpoint's scope (403), the cross-site guard for browser
 * sessions that change state, params/query/body validated by the endpoint's zod schemas (the same
 * schemas the OpenAPI description is generated from: lib/api/openapi.ts), then the handler.
 * Every refusal leaves as `{ error: { code, message, details } }` in the caller's language.
 *
 * Handlers check the project role themselves through `ctx.authorize*` — the pages' own
 * lib/auth/access.ts checks, narrowed by the token's project restriction (another project: 404).
 */

export interface ApiContext<P, Q, B> {
  request: Request;
  caller: ApiCaller;
  user: SessionUser;
  locale: Locale;
  params: P;
  query: Q;
  body: B;
  authorizeProject: (projectId: string, action: Action) => ReturnType<typeof authorizeProject>;
  authorizeDocument: (documentId: string, action: Action) => ReturnType<typeof authorizeDocument>;
  authorizeSegment: (segmentId: string, action: Action) => ReturnType<typeof authorizeSegment>;
  /** A project id the caller's token is restricted away from answers 404, as if it did not exist. */
  checkProject: (projectId: string) => void;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** The error body every API refusal has. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function apiError(code: ErrorCode, status: number, locale: Locale, params: ErrorParams = {}, details?: Record<string, unknown>, headers?: HeadersInit): Response {
  const body: ApiErrorBody = { error: { code, message: errorMessage(code, params, locale), ...(details ? { details } : {}) } };
  return Response.json(body, { status, headers });
}

/** zod's problems as details a client can act on: the path of each field and what is wrong with it. */
function validationDetails(error: z.ZodError, where: "params" | "query" | "body") {
  return { in: where, issues: error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message, code: issue.code })) };
}

/** A refusal thrown by lib/ (CodedError, AccessDenied, Refusal) as the API's error body. Anything else is a bug: rethrown (500). */
export function apiRefusal(error: unknown, locale: Locale): Response {
  if (error instanceof AccessDenied) {
    const body: ApiErrorBody = { error: { code: error.code, message: error.customMessage ?? errorMessage(error.code, {}, locale) } };
    return Response.json(body, { status: error.status });
  }
  if (error instanceof CodedError) return apiError(error.code, error.status, locale, error.params, error.details);
  if (error instanceof Refusal) return Response.json({ error: { code: "refused", message: error.message } } satisfies ApiErrorBody, { status: error.status });
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    const code: ErrorCode = isErrorCode(issue?.message) ? issue.message : "validation-failed";
    return apiError(code, 422, locale, {}, validationDetails(error, "body"));
  }
  throw error;
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Browser sessions keep the pages' cross-site guard for anything that changes state; a Bearer
 * token is not sent by browsers on their own, so it needs none. A multipart upload cannot be
 * JSON: for it the same-origin half of the guard applies.
 */
function sessionGuard(request: Request, caller: ApiCaller, locale: Locale): Response | null {
  if (caller.tokenId !== null || !STATE_CHANGING.has(request.method)) return null;
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type === "multipart/form-data") return isSameOrigin(request) ? null : apiError("cross-site", 403, locale);
  const refused = crossSiteRefusal(request);
  if (!refused) return null;
  return apiError(refused.status === 415 ? "json-required" : "cross-site", refused.status, locale);
}

/** Query parameters as an object: a repeated key becomes an array. */
function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length > 1 ? values : values[0]!;
  }
  return out;
}

/** The body as JSON or as a form's fields; a body that is neither is a 400 (CodedError, answered below). */
async function readBody(request: Request, kind: "json" | "multipart"): Promise<unknown> {
  if (kind === "multipart") {
    const form = await request.formData().catch(() => null);
    if (!form) throw new CodedError("malformed-body", 400);
    const value: Record<string, unknown> = {};
    for (const [key, entry] of form.entries()) value[key] = entry;
    return value;
  }
  const text = await request.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CodedError("malformed-json", 400);
  }
}

/**
 * Wraps an endpoint's handler. `endpoint` is the declaration in lib/api/endpoints/ (method,
 * path, scope, schemas); its schemas validate here and describe the endpoint in the OpenAPI file.
 */
export function apiRoute<P, Q, B>(
  endpoint: ApiEndpoint<P, Q, B>,
  run: (ctx: ApiContext<P, Q, B>) => Promise<Response | object>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    let locale: Locale = requestLocale(request);
    try {
      const caller = await authenticateApiRequest(request);
      if (!caller) return apiError("sign-in-required", 401, locale, {}, undefined, { "WWW-Authenticate": 'Bearer realm="duizhao"' });
      locale = requestLocale(request, caller.user.locale);
      // Per token, or per session user, counted in the database so every instance shares the count.
      const allowance = await takeRateLimit(caller);
      if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds, locale);
      if (!hasScope(caller, endpoint.scope)) return apiError("insufficient-scope", 403, locale, { scope: endpoint.scope }, { required: endpoint.scope });
      const guard = sessionGuard(request, caller, locale);
      if (guard) return guard;

      const rawParams = await context.params;
      const params = endpoint.params ? endpoint.params.safeParse(rawParams) : { success: true as const, data: rawParams as P };
      // A malformed id in the path names nothing: 404, as for an id that does not exist.
      if (!params.success) return apiError("not-found", 404, locale, {}, validationDetails(params.error, "params"));
      const query = endpoint.query ? endpoint.query.safeParse(queryObject(new URL(request.url))) : { success: true as const, data: undefined as Q };
      if (!query.success) return apiError("validation-failed", 422, locale, {}, validationDetails(query.error, "query"));

      let body = { success: true as const, data: undefined as B } as z.ZodSafeParseResult<B>;
      if (endpoint.body) {
        const raw = await readBody(request, endpoint.body.kind);
        const problem = endpoint.body.kind === "json" ? await requestBodyProblem(raw) : null;
        if (problem?.code === "ill-formed-text") return apiError("ill-formed-text", 422, locale);
        if (problem?.code === "list-too-long") return apiError("list-too-long", 413, locale, { count: problem.count, max: MAX_LIST_ITEMS });
        body = endpoint.body.schema.safeParse(raw ?? {});
        if (!body.success) return apiError("validation-failed", 422, locale, {}, validationDetails(body.error, "body"));
      }

      const checkProject = (projectId: string) => {
        if (caller.projectId !== null && caller.projectId !== projectId) throw new AccessDenied(404);
      };
      const user = caller.user;
      const result = await run({
        request,
        caller,
        user,
        locale,
        params: params.data,
        query: query.data,
        body: body.data as B,
        checkProject,
        authorizeProject: async (projectId, action) => {
          checkProject(projectId);
          return authorizeProject(user, projectId, action);
        },
        authorizeDocument: async (documentId, action) => {
          const found = await authorizeDocument(user, documentId, action).catch((error: unknown) => {
            // A restricted token learns nothing about other projects, not even that it may not act there.
            if (caller.projectId !== null && error instanceof AccessDenied) throw new AccessDenied(404);
            throw error;
          });
          checkProject(found.document.projectId);
          return found;
        },
        authorizeSegment: async (segmentId, action) => {
          const found = await authorizeSegment(user, segmentId, action).catch((error: unknown) => {
            if (caller.projectId !== null && error instanceof AccessDenied) throw new AccessDenied(404);
            throw error;
          });
          checkProject(found.segment.document.projectId);
          return found;
        },
      });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return apiRefusal(error, locale);
    }
  };
}

/** Whether a caller's scopes allow an endpoint's: `admin` includes the others, as `write` includes `read`. */
export function hasScope(caller: Pick<ApiCaller, "scopes">, scope: ApiScope): boolean {
  if (caller.scopes.has(scope) || caller.scopes.has("admin")) return true;
  return scope === "read" && (caller.scopes.has("write") || caller.scopes.has("review"));
}

// ——— ETags ———

/** A weak ETag (the representation is JSON whose bytes may differ; its meaning does not). */
export function weakEtag(...parts: (string | number)[]): string {
  return `W/"${parts.join("-")}"`;
}

/** Whether If-None-Match names the current ETag (weak comparison, RFC 9110 §13.1.2): answer 304. */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => opaque(tag) === opaque(etag));
}

/** A JSON answer with its ETag, or 304 without a body when the client already has it. */
export function withEtag(request: Request, etag: string, body: object): Response {
  if (notModified(request, etag)) return new Response(null, { status: 304, headers: { ETag: etag } });
  return Response.json(body, { headers: { ETag: etag } });
}

/** A segment's ETag: its version, which every save and status change increments. */
export function segmentEtag(segment: { id: string; version: number }): string {
  return weakEtag("s", segment.id, segment.version);
}

/**
 * The version an If-Match header names for a segment (the alternative to `baseVersion`); null
 * without the header; a CodedError 412 when it is not one of this segment's ETags.
 */
export function ifMatchVersion(request: Request, segmentId: string): number | null {
  const header = request.headers.get("if-match");
  if (!header) return null;
  const match = /^(?:W\/)?"s-(.+)-(\d+)"$/.exec(header.trim());
  if (!match || match[1] !== segmentId) throw new CodedError("precondition-failed", 412);
  return Number(match[2]);
}
