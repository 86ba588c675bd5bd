import { withAuth } from "next-auth/middleware";
import { decodeSessionToken } from "@/lib/auth/jwt";
import { authSecret } from "@/lib/auth/secret";

// Every page and route needs a session, except those the matcher leaves out: sign-in, the
// next-auth endpoints, invitation acceptance, the health check and static assets. Pages and
// handlers still check permissions themselves; this only turns strangers away early.
export const proxy = withAuth({ pages: { signIn: "/login" }, secret: authSecret(), jwt: { decode: decodeSessionToken } });

export const config = {
  matcher: ["/((?!login|api/auth|api/health|invite/|_next/static|_next/image|favicon\\.ico).*)"],
};
