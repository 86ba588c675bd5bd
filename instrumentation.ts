/** Runs once when the server starts. The Node.js-only parts live in their own modules. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./lib/config/startup-checks");
    // Records each request's socket address for the sign-in lock-out (lib/auth/client-address.ts).
    (await import("./lib/auth/client-address")).installPeerAddressHeader();
    // Delivers webhook calls and e-mails written to the outbox (lib/outbox).
    (await import("./lib/outbox/start-worker")).startOutboxWorker();
  }
}
