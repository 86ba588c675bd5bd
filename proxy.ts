import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { decodeSessionTokenCached } from "@/lib/auth/jwt";
import { authSecret } from "@/lib/auth/secret";
import { declaredSizeRefusal } from "@/lib/http/request-size";

/**
 * Runs before every page and route the matcher covers (not sign-in, the next-auth endpoints,
 * invitation acceptance, password reset, notification mails' unsubscribe links, the health check,
 * static assets — nor the editor's save, see below). Two jobs, both coarse:
 *
 * - Bodies larger than the server reads at all get 413 with the upload limit named, before
 *   anything is buffered (Next.js would otherwise answer a server action's oversized body 500).
 * - Requests without a session token are turned away: API calls with 401 JSON (what API clients
 *   expect), pages with a redirect to the sign-in page.
 *
 * It only decodes the token. Whether the session is still valid (not signed out, not ended by a
 * password change) and what the person may do is checked by every page and handler itself
 * (lib/auth/session.ts, lib/auth/access.ts), which answer the same way for a revoked token.
 *
 * The editor's save (POST /api/segments/:id/save, the busiest request) is left out: Next's own
 * work to run a proxy — the request rebuilt for it, its body buffered a second time — cost a large
 * share of each save's CPU (issue 18, BENCHMARKS.md), and the route makes both checks itself
 * (lib/http/json-route.ts: 413 for a body over the limit, declared or streamed; 401 JSON signed out).
 * The production server answers it before Next anyway (lib/http/save-fast-path.ts), with the
 * route's checks; the exclusion keeps `npm run dev` answering it the same way.
 *
 * So are the file uploads' routes (import preview and bilingual import, re-import preview, memory
 * and glossary import): Next buffers the body of every request the proxy runs for — a 20 MB file
 * gathered on the request thread before the route saw a byte — while these routes read it as it
 * arrives, into the file worker (lib/http/upload-route.ts: the same 413 and 401 JSON).
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const oversized = declaredSizeRefusal(request);
  if (oversized) return oversized;
  // The public API authenticates itself (Bearer tokens or the session, lib/api/api-route.ts) and
  // answers 401 in its own error shape; its reference page is public documentation.
  if (pathname.startsWith("/api/v1/") || pathname === "/api-docs") return NextResponse.next();
  const token = await getToken({ req: request, secret: authSecret(), decode: decodeSessionTokenCached }).catch(() => null);
  if (token) return NextResponse.next();
  if (isApi) return Response.json({ error: "Please sign in." }, { status: 401 });
  const signIn = new URL("/login", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!login|forgot-password|reset-password/|unsubscribe|api/auth|api/health|invite/|api/segments/[^/]+/save$|api/projects/[^/]+/import/preview$|api/projects/[^/]+/import/bilingual$|api/projects/[^/]+/memory/import$|api/projects/[^/]+/glossary/import$|api/documents/[^/]+/reimport/preview$|_next/static|_next/image|favicon\.ico|icon\.svg).*)"],
};
