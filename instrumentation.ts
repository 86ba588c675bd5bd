/** Runs once when the server starts. The Node.js-only parts live in their own modules. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./lib/config/startup-checks");
    // Records each request's socket address for the sign-in lock-out (lib/auth/client-address.ts).
    (await import("./lib/auth/client-address")).installPeerAddressHeader();
    // Delivers webhook calls (and, later, e-mail) written to the outbox (lib/outbox).
    (await import("./lib/outbox/start-worker")).startOutboxWorker();
    // `npm run bench:live` measures memory per idle stream through a probe it turns on (lib/ops/bench-probe.ts).
    if (process.env.DUIZHAO_BENCH_PROBE_PORT) (await import("./lib/ops/bench-probe")).startBenchProbe();
  }
}
