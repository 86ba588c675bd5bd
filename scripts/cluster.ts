/**
 * Several production server instances (`npm start`) on one PostgreSQL database behind nginx (Debian's), as the
 * deployment guide describes — for the multi-instance browser test and `npm run bench:load`
 * in its two-instance mode. Everything lives in a temporary directory and stops with `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// The project root: every caller (npm scripts, Playwright) runs from it.
const root = process.cwd();

export function nginxAvailable(): boolean {
  return spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0 || fs.existsSync("/usr/sbin/nginx");
}

/** The request header that pins a client to one instance, and the answer's header naming the instance that served it (host:port). */
export const PIN_HEADER = "x-cluster-instance";
export const UPSTREAM_HEADER = "x-cluster-upstream";

export function nginxConfig(dir: string, proxyPort: number, instancePorts: number[]): string {
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # Round robin over the instances; any instance can serve any request (no sticky sessions).
  upstream duizhao {
${instancePorts.map((p) => `    server 127.0.0.1:${p};`).join("\n")}
    keepalive 64;
  }
  # For the tests only: a client sending ${PIN_HEADER}: N is always served by instance N (1-based),
  # so a browser test knows which instance holds whose live stream; the answer names it in
  # ${UPSTREAM_HEADER}. Without the header, round robin as above.
${instancePorts.map((p, i) => `  upstream duizhao_${i + 1} {\n    server 127.0.0.1:${p};\n    keepalive 16;\n  }`).join("\n")}
  map $http_${PIN_HEADER.replace(/-/g, "_")} $duizhao_upstream {
    default duizhao;
${instancePorts.map((_, i) => `    "${i + 1}" duizhao_${i + 1};`).join("\n")}
  }
  gzip on;
  gzip_types application/json text/css application/javascript;
  server {
    listen 127.0.0.1:${proxyPort};
    client_max_body_size 50m;
    location / {
      proxy_pass http://$duizhao_upstream;
      add_header ${UPSTREAM_HEADER} $upstream_addr always;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 300s;
    }
  }
}
`;
}

async function waitFor(url: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export interface Cluster {
  baseUrl: string;
  instanceUrls: string[];
  stop: () => void;
}

export async function startCluster(options: {
  databaseUrl: string;
  proxyPort: number;
  instancePorts: number[];
  secret?: string;
  /** More environment for instance `index` (0-based), e.g. a benchmark's probe settings. */
  instanceEnv?: (index: number) => Record<string, string>;
}): Promise<Cluster> {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("Build the app first (npm run build).");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-cluster-"));
  const baseUrl = `http://127.0.0.1:${options.proxyPort}`;
  const children: ChildProcess[] = [];
  for (const [i, port] of options.instancePorts.entries()) {
    children.push(
      // The production server (`npm start`, scripts/start-server.mjs).
      spawn(process.execPath, [path.join(root, "scripts/start-server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: options.databaseUrl,
          NEXTAUTH_URL: baseUrl,
          NEXTAUTH_SECRET: options.secret ?? "cluster-secret-not-for-production",
          NEXT_TELEMETRY_DISABLED: "1",
          DUIZHAO_INSTANCE: `instance-${i + 1}`,
          // nginx in front appends the client's address to X-Forwarded-For (docs/deployment.md).
          DUIZHAO_TRUSTED_PROXY_HOPS: "1",
          ...options.instanceEnv?.(i),
        },
        stdio: ["ignore", "ignore", process.env.CLUSTER_STDERR ? "inherit" : "ignore"],
        detached: true,
      }),
    );
  }
  fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir, options.proxyPort, options.instancePorts));
  const nginx = spawn(fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx", ["-c", path.join(dir, "nginx.conf"), "-p", dir], { stdio: ["ignore", "ignore", "inherit"], detached: true });
  children.push(nginx);
  const stop = () => {
    for (const child of children) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of options.instancePorts) await waitFor(`http://127.0.0.1:${port}/api/health`, 90);
    await waitFor(`${baseUrl}/api/health`, 30);
  } catch (error) {
    stop();
    throw error;
  }
  return { baseUrl, instanceUrls: options.instancePorts.map((p) => `http://127.0.0.1:${p}`), stop };
}

/**
 * A fresh PostgreSQL database, migrated and seeded with the demo data; drop() removes it.
 * `seed: false` leaves it empty but migrated, for a benchmark that makes its own data: the demo
 * history is a few hundred saves, each several round trips, minutes on a loaded machine.
 */
export async function preparePostgres(
  server = process.env.DUIZHAO_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432",
  // DUIZHAO_TEST_DB_PREFIX: several checkouts testing against one server tell their databases apart.
  name = `${process.env.DUIZHAO_TEST_DB_PREFIX ?? "duizhao"}_cluster_${Date.now()}`,
  options: { seed?: boolean } = {},
) {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = `${server}/${name}`;
  const env = { ...process.env, DATABASE_URL: url, PRISMA_SCHEMA: "prisma/postgresql/schema.prisma", PRISMA_MIGRATIONS: "prisma/postgresql/migrations" };
  const steps = [
    [process.execPath, [path.join(root, "scripts/db.mjs"), "deploy"]],
    [path.join(root, "node_modules/.bin/tsx"), [path.join(root, "prisma/seed.ts")]],
  ] as const;
  for (const [command, args] of options.seed === false ? steps.slice(0, 1) : steps) {
    const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${path.basename(String(args[0]))} failed: ${result.stderr}`);
  }
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: `${server}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
