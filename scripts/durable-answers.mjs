// Holds a state-changing request's answer until what it wrote is on disk (issue 18).
//
// On SQLite the server's connection commits without an fsync while lib/sqlite-wal.ts syncs the
// log off the event loop, shared by every write waiting (a group commit); a write may be
// acknowledged only after that sync. JSON routes and the save's fast path wait for it themselves
// (lib/http/json-route.ts); this covers what Next answers otherwise — server actions, uploads,
// forms — without touching each of them: the answer's first bytes (head, body or end) are held
// until `durable()` resolves, then everything is passed on in order. Nothing is held when there is
// nothing to wait for (PostgreSQL, or SQLite syncing every commit itself): `durable` is absent.

const HELD = ["writeHead", "write", "end", "flushHeaders"];

/** Whether the request can change anything (GET, HEAD and OPTIONS cannot). */
export function changesState(method) {
  return method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
}

/**
 * Holds `res`'s output until `durable()` settles (a failed sync is logged and the answer goes
 * out: the commit itself succeeded, and the next sync or checkpoint retries the flush).
 */
export function holdUntilDurable(res, durable, log = console) {
  const originals = new Map(HELD.map((name) => [name, res[name]]));
  const calls = [];
  let releasing = false;
  const restore = () => {
    for (const [name, original] of originals) res[name] = original;
  };
  const release = () => {
    releasing = true;
    Promise.resolve()
      .then(durable)
      .catch((error) => log.warn(`[duizhao] syncing the database log before answering failed: ${error?.message ?? error}`))
      .finally(() => {
        restore();
        for (const [name, args] of calls) originals.get(name).apply(res, args);
      });
  };
  for (const name of HELD) {
    res[name] = function held(...args) {
      calls.push([name, args]);
      if (!releasing) release();
      // As a write into a buffer with room: the caller goes on; Node queues the real writes.
      return name === "writeHead" || name === "end" ? res : true;
    };
  }
}
