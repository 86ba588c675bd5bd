/**
 * Where to send someone after signing in (or out): only a path of this site. The target is
 * resolved with `URL` against the app's origin, exactly as a browser would resolve it, and kept
 * only if it stays on that origin — `/\evil.example/`, `/<tab>/evil.example` and `//evil.example`
 * all resolve to another host and fall back to `/`. The result never starts with `//`.
 */
export function sameOriginPath(target: string | null | undefined, origin = appOrigin()): string {
  if (!target) return "/";
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(target, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
}

/** The app's public origin (NEXTAUTH_URL), or a stand-in when it is not configured (development). */
export function appOrigin(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return new URL(env.NEXTAUTH_URL ?? "").origin;
  } catch {
    return "http://localhost:3000";
  }
}
