/**
 * Issue 18: the proxy (proxy.ts) runs before every page and API route it matches, and Next's
 * per-request work for it (the request rebuilt for the proxy, its body buffered a second time) was
 * a large share of a save's CPU. The editor's save makes the proxy's checks itself (lib/http/
 * json-route.ts: 413, 401 JSON), so the matcher leaves exactly that route out — and nothing else.
 */
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("the proxy's matcher", () => {
  it("leaves out the editor's save", () => {
    expect(matches("/api/segments/cmabc123/save")).toBe(false);
  });

  it.each([
    "/api/segments/cmabc123/history",
    "/api/segments/cmabc123/save/more",
    "/api/segments/cmabc123/saved",
    "/api/segments/save",
    "/api/documents/d1/segments",
    "/api/documents/d1/segments/save",
    "/api/comments",
    "/projects",
    "/documents/d1",
    "/",
  ])("still covers %s", (url) => {
    expect(matches(url)).toBe(true);
  });

  it.each(["/login", "/api/auth/session", "/api/health", "/_next/static/x.js", "/invite/abc"])("leaves out %s as before", (url) => {
    expect(matches(url)).toBe(false);
  });
});
