/**
 * The memory probe of `npm run bench:live` (lib/ops/bench-probe.ts) is off unless the bench
 * turns it on, and then answers only a request carrying the run's token.
 */
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startBenchProbe } from "@/lib/ops/bench-probe";
import { countStream } from "@/lib/events/open-streams";

const TOKEN = "a-token-of-enough-length";
let server: http.Server | null = null;
const withGc = globalThis as { gc?: () => void };

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  delete withGc.gc;
  vi.restoreAllMocks();
});

async function started(env: Record<string, string>): Promise<string> {
  server = startBenchProbe(env);
  if (!server) throw new Error("the probe did not start");
  if (!server.listening) await new Promise((resolve) => server!.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe("the bench's memory probe", () => {
  it("does not start without its port, without a long token, or without --expose-gc", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    withGc.gc = () => {};
    expect(startBenchProbe({})).toBeNull();
    expect(startBenchProbe({ DUIZHAO_BENCH_PROBE_PORT: "0", DUIZHAO_BENCH_PROBE_TOKEN: TOKEN })).toBeNull(); // port 0: not set
    expect(startBenchProbe({ DUIZHAO_BENCH_PROBE_PORT: "45999", DUIZHAO_BENCH_PROBE_TOKEN: "short" })).toBeNull();
    delete withGc.gc;
    expect(startBenchProbe({ DUIZHAO_BENCH_PROBE_PORT: "45999", DUIZHAO_BENCH_PROBE_TOKEN: TOKEN })).toBeNull();
  });

  it("answers memory after forced collections, and the open streams, to the token only", async () => {
    const collections = vi.fn();
    withGc.gc = collections;
    const { createServer } = await import("node:net");
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const url = await started({ DUIZHAO_BENCH_PROBE_PORT: String(port), DUIZHAO_BENCH_PROBE_TOKEN: TOKEN });
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { "x-bench-token": `${TOKEN}x` } })).status).toBe(403);
    countStream(1);
    try {
      const response = await fetch(url, { headers: { "x-bench-token": TOKEN } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { heapUsed: number; rss: number; openStreams: number };
      expect(body.heapUsed).toBeGreaterThan(0);
      expect(body.rss).toBeGreaterThan(body.heapUsed);
      expect(body.openStreams).toBeGreaterThanOrEqual(1);
      expect(collections.mock.calls.length).toBeGreaterThanOrEqual(2);
    } finally {
      countStream(-1);
    }
  });
});
