import { performance } from "node:perf_hooks";

/** One request the load made: when it started (performance.now()), how long it took, whether it was answered as expected. */
export interface Sample {
  at: number;
  ms: number;
  ok: boolean;
}

export interface OpenLoopEditors {
  saves: Sample[];
  health: Sample[];
  /** Ends both loops and waits for every request still on its way. */
  stop(): Promise<void>;
}

/**
 * The simulated editors of the fairness bench (issue 13) and its probes: each signed-in cookie is
 * an editor saving a segment of `segments` every `intervalMs` — open loop, the next save is due
 * whatever this one takes — with the version it last saw (a 409 conflict is a correct answer),
 * and /api/health polled every `healthEveryMs`. Every request's start and time are recorded.
 */
export function startOpenLoopEditors(options: { base: string; cookies: string[]; segments: string[]; intervalMs: number; healthEveryMs: number }): OpenLoopEditors {
  const { base, cookies, segments, intervalMs, healthEveryMs } = options;
  const versions = new Map(segments.map((id) => [id, 1]));
  const saves: Sample[] = [];
  const health: Sample[] = [];
  let running = true;
  const editorLoops = cookies.map(async (cookie, editor) => {
    const inFlight: Promise<void>[] = [];
    let next = performance.now() + Math.random() * intervalMs;
    let n = 0;
    while (running) {
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
      next += intervalMs; // open loop: the next save is due whatever this one takes
      const segment = segments[(editor * 97 + n++ * 13) % segments.length]!;
      inFlight.push(
        (async () => {
          const started = performance.now();
          const response = await fetch(`${base}/api/segments/${segment}/save`, {
            method: "POST",
            headers: { origin: base, "content-type": "application/json", cookie },
            body: JSON.stringify({ target: `Editor ${editor} draft ${n}.`, baseVersion: versions.get(segment), confirm: false }),
          }).catch(() => null);
          const body = response ? ((await response.json().catch(() => ({}))) as { segment?: { version: number }; conflict?: { version: number } }) : {};
          const version = body.segment?.version ?? body.conflict?.version;
          if (version) versions.set(segment, Math.max(version, versions.get(segment) ?? 0));
          saves.push({ at: started, ms: performance.now() - started, ok: !!response && (response.ok || response.status === 409) });
        })(),
      );
    }
    await Promise.all(inFlight);
  });
  const healthLoop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${base}/api/health`).catch(() => null);
      await response?.arrayBuffer();
      health.push({ at: started, ms: performance.now() - started, ok: !!response?.ok });
      await new Promise((r) => setTimeout(r, healthEveryMs));
    }
  })();
  return {
    saves,
    health,
    async stop() {
      running = false;
      await Promise.all([...editorLoops, healthLoop]);
    },
  };
}
