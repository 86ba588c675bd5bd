/**
 * Issue 18: the proxy (proxy.ts) runs before every page and API route it matches, and Next's
 * per-request work for it (the request rebuilt for the proxy, its body buffered a second time) was
 * a large share of a save's CPU. The editor's save makes the proxy's checks itself (lib/http/
 * json-route.ts: 413, 401 JSON), so the matcher leaves exactly that route out — and the file
 * uploads' routes, which read their body as it arrives (lib/http/upload-route.ts) — and nothing else.
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
    "/api/projects/p1/import/preview",
    "/api/projects/p1/import/bilingual",
    "/api/projects/p1/memory/import",
    "/api/projects/p1/glossary/import",
    "/api/documents/d1/reimport/preview",
  ])("leaves out the upload route %s", (url) => {
    expect(matches(url)).toBe(false);
  });

  it.each([
    "/api/segments/cmabc123/history",
    "/api/projects/p1/memory/export",
    "/api/projects/p1/glossary/export",
    "/api/projects/p1/import/preview/x",
    "/api/documents/d1/reimport",
    "/projects/p1/import",
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
