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
  let state = "waiting"; // → "syncing" at the first output → "released" once durable() settled
  const release = () => {
    state = "syncing";
    Promise.resolve()
      .then(durable)
      .catch((error) => log.warn(`[duizhao] syncing the database log before answering failed: ${error?.message ?? error}`))
      .finally(() => {
        state = "released";
        for (const [name, args] of calls.splice(0)) {
          // While held, the head was not sent, so a layer above may have asked for it again (Node's
          // implicit head, as compression's write does): the first one stands.
          if (name === "writeHead" && res.headersSent) continue;
          originals.get(name).apply(res, args);
        }
      });
  };
  // The wrappers stay in place (others wrap them in turn — Next's compression does), and pass
  // straight through once released.
  for (const name of HELD) {
    const original = originals.get(name);
    res[name] = function held(...args) {
      if (state === "released") return original.apply(this, args);
      calls.push([name, args]);
      if (state === "waiting") release();
      // As a write into a buffer with room: the caller goes on; Node queues the real writes.
      return name === "writeHead" || name === "end" ? res : true;
    };
  }
}
