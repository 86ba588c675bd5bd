/** Runs once when the server starts. The Node.js-only checks live in their own module. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/config/startup-checks");
}
