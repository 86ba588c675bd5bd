import http from "node:http";
import { timingSafeEqual } from "node:crypto";
import { openStreamCount } from "@/lib/events/open-streams";

/**
 * For `npm run bench:live` only: the server's memory after forced garbage collections, so the
 * benchmark can tell what one idle live stream costs (an RSS difference alone moves by more than
 * that with the collector's timing). Off unless the benchmark sets DUIZHAO_BENCH_PROBE_PORT and
 * DUIZHAO_BENCH_PROBE_TOKEN and starts the server with --expose-gc. It is not an app route: it
 * listens on its own port on 127.0.0.1 only and answers only a request carrying the token.
 */
export function startBenchProbe(env: Record<string, string | undefined> = process.env): http.Server | null {
  const port = Number(env.DUIZHAO_BENCH_PROBE_PORT);
  const token = env.DUIZHAO_BENCH_PROBE_TOKEN ?? "";
  if (!port) return null;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (token.length < 16 || typeof gc !== "function") {
    console.error("bench probe: not started (needs DUIZHAO_BENCH_PROBE_TOKEN of 16+ characters and node --expose-gc)");
    return null;
  }
  const expected = Buffer.from(token);
  const server = http.createServer(async (request, response) => {
    const given = Buffer.from(String(request.headers["x-bench-token"] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      response.writeHead(403).end();
      return;
    }
    // Several full collections with turns of the event loop between them: objects freed by
    // finalizers or weak references in one pass are collected by the next.
    for (let i = 0; i < 4; i++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const memory = process.memoryUsage();
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ heapUsed: memory.heapUsed, rss: memory.rss, external: memory.external, arrayBuffers: memory.arrayBuffers, openStreams: openStreamCount() }));
  });
  server.on("error", (error) => console.error("bench probe:", error.message));
  server.listen(port, "127.0.0.1");
  server.unref();
  return server;
}
