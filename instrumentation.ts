/** Runs once when the server starts. The Node.js-only parts live in their own modules. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./lib/config/startup-checks");
    // Records each request's socket address for the sign-in lock-out (lib/auth/client-address.ts).
    (await import("./lib/auth/client-address")).installPeerAddressHeader();
    // The concordance index merges on its own again if a process stopped during a bulk write (lib/concordance/fts-merge.ts).
    await (await import("./lib/concordance/fts-merge")).restoreAutomerge().catch((error: unknown) => console.warn(`[duizhao] could not restore the concordance index's automerge: ${String(error)}`));
    // Imports a stopped process left hidden and unfinished are removed (lib/documents/document-repository.ts).
    await (async () => {
      const [{ prisma }, { removeUnfinishedImports }] = await Promise.all([import("./lib/db"), import("./lib/documents/document-repository")]);
      await removeUnfinishedImports(prisma);
    })().catch((error: unknown) => console.warn(`[duizhao] could not remove unfinished imports: ${String(error)}`));
    // So are versions it left half-frozen (lib/versions/unfinished-versions.ts).
    await (async () => (await import("./lib/versions/unfinished-versions")).removeUnfinishedVersions())().catch((error: unknown) =>
      console.warn(`[duizhao] could not remove unfinished versions: ${String(error)}`),
    );
    // SQLite: checkpoints in a worker thread and the log's syncs off the event loop (lib/sqlite-wal.ts).
    // Production only: `npm start` holds every state-changing answer for the sync (scripts/durable-answers.mjs);
    // `next dev` could not, so there the connection syncs each commit itself.
    if (process.env.NODE_ENV === "production") await (async () => {
      const [{ sqliteConnection }, { startSqliteWalWorker }] = await Promise.all([import("./lib/db"), import("./lib/sqlite-wal")]);
      const db = await sqliteConnection();
      if (db) await startSqliteWalWorker(db);
    })().catch((error: unknown) => console.warn(`[duizhao] SQLite syncs and checkpoints stay on the request thread: ${String(error)}`));
    // SQLite: saves leave their concordance re-indexing to this process, a few segments at a time (lib/concordance/segment-index.ts).
    await (await import("./lib/concordance/segment-index")).startSegmentIndexer().catch((error: unknown) => console.warn(`[duizhao] the concordance index will not catch up with saves: ${String(error)}`));
    // Delivers webhook calls and e-mails written to the outbox (lib/outbox).
    (await import("./lib/outbox/start-worker")).startOutboxWorker();
    // `npm run bench:live` measures memory per idle stream through a probe it turns on (lib/ops/bench-probe.ts).
    if (process.env.DUIZHAO_BENCH_PROBE_PORT) (await import("./lib/ops/bench-probe")).startBenchProbe();
  }
}
