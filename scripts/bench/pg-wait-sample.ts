/**
 * Where the bench's PostgreSQL backends spend their time (issue 18): samples pg_stat_activity
 * every PG_WAIT_SAMPLE_MS (10) for the databases named like PG_WAIT_DATABASE (the save-load
 * bench's `<prefix>_cluster_%`), while a bench runs in another process, and prints per second the
 * mean number of active backends by wait event ("CPU" when active and not waiting) and the
 * saves in that second (revisions inserted, from the database's statistics, which backends
 * flush about once a second). By Little's law a mean of n backends in one state at x saves/s is
 * n / x seconds per save in that state. Run beside `BENCH_LOAD_TARGET=postgresql npm run
 * bench:load`; stop it with SIGINT/SIGTERM (it prints the summary by load level: seconds at most
 * PG_WAIT_OPEN_MAX saves/s — the open loop — and the others, the closed loop).
 */
import pg from "pg";

const server = process.env.DUIZHAO_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
const pattern = process.env.PG_WAIT_DATABASE ?? "duizhao_cluster_%";
const every = Number(process.env.PG_WAIT_SAMPLE_MS ?? 10);
const openMax = Number(process.env.PG_WAIT_OPEN_MAX ?? 80);

type Second = { samples: number; states: Map<string, number>; saves: number };

/** The bench's database, once it exists (the bench creates it when it starts). */
async function benchDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  try {
    for (;;) {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY oid DESC LIMIT 1`, [pattern]);
      if (rows[0]) return rows[0].datname;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.end();
  }
}

/** Active backends of the database by state, at this moment. */
function sample(client: pg.Client, database: string) {
  return client.query<{ state: string; n: number }>(
    `SELECT CASE WHEN wait_event IS NULL THEN 'CPU' ELSE wait_event_type || ':' || wait_event END AS state, COUNT(*)::integer AS n
     FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1`,
    [database],
  );
}

async function main() {
  const database = await benchDatabase();
  console.log(`sampling ${database}`);
  // Wait for the migration: the statistics below read its Revision table.
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const client = new pg.Client({ connectionString: `${server}/${database}` });
  await client.connect();
  const seconds: Second[] = [];
  let current: Second = { samples: 0, states: new Map(), saves: 0 };
  let lastSaves: number | null = null;
  let secondStarted = Date.now();
  let stopping = false;
  process.on("SIGINT", () => (stopping = true));
  process.on("SIGTERM", () => (stopping = true));
  // The bench drops its database at the end (WITH (FORCE)), which ends this connection too: then the summary.
  client.on("error", () => (stopping = true));
  while (!stopping) {
    const sampled = await sample(client, database).catch(() => null);
    if (!sampled) break;
    const { rows } = sampled;
    current.samples++;
    for (const row of rows) current.states.set(row.state, (current.states.get(row.state) ?? 0) + row.n);
    if (Date.now() - secondStarted >= 1000) {
      const stat = await client.query<{ saves: string | null }>(`SELECT n_tup_ins::text AS saves FROM pg_stat_user_tables WHERE relname = 'Revision'`).then((r) => r.rows, () => null);
      if (!stat) break;
      const saves = Number(stat[0]?.saves ?? 0);
      current.saves = lastSaves === null ? 0 : saves - lastSaves;
      lastSaves = saves;
      if (current.states.size || current.saves) {
        seconds.push(current);
        const means = [...current.states].map(([state, n]) => `${state} ${(n / current.samples).toFixed(2)}`).join(", ");
        console.log(`${new Date().toISOString().slice(11, 19)} saves ${current.saves}/s · ${means || "idle"}`);
      }
      current = { samples: 0, states: new Map(), saves: 0 };
      secondStarted = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  await client.end().catch(() => {});
  for (const [name, group] of [
    ["open loop (seconds under the threshold)", seconds.filter((s) => s.saves > 5 && s.saves <= openMax)],
    ["closed loop", seconds.filter((s) => s.saves > openMax)],
  ] as const) {
    if (!group.length) continue;
    const totals = new Map<string, number>();
    for (const s of group) for (const [state, n] of s.states) totals.set(state, (totals.get(state) ?? 0) + n / s.samples);
    const rate = group.reduce((n, s) => n + s.saves, 0) / group.length;
    console.log(`\n${name}: ${group.length} s, ${rate.toFixed(0)} saves/s; mean active backends, and ms per save (Little's law):`);
    for (const [state, sum] of [...totals].sort((x, y) => y[1] - x[1])) {
      const mean = sum / group.length;
      console.log(`  ${state.padEnd(28)} ${mean.toFixed(3)}  ${((mean / rate) * 1000).toFixed(2)} ms`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
