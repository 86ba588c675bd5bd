#!/usr/bin/env node
// `npm start`: Duizhao's production server. Next.js serves every request through its documented
// custom-server API (`next({ dev: false }).getRequestHandler()`), except the editor's save,
// POST /api/segments/:id/save, which lib/http/save-fast-path.ts answers first — the busiest
// request, whose own work is about a millisecond of CPU while Next's per-request pipeline costs
// several (issue 18; BENCHMARKS.md, "Notes on the save-latency target"). The fast path makes the
// route's checks with the route's answers; `npm run dev` (next dev) serves the save through the
// route itself. The build's scripts and stylesheets are answered before Next too, from copies
// compressed at build time (scripts/static-assets.mjs). Before it listens it warms the modules
// Next would otherwise load on the first requests, holding everyone meanwhile
// (scripts/warm-actions.mjs).
//
//   node scripts/start-server.mjs [-p PORT] [-H HOSTNAME] [--keepAliveTimeout MS]
//
// Options as `next start` takes them: the port from -p, else PORT, else 3000; the host name from
// -H, else every interface. Needs `npm run build` (next build, then the precompiled bundles of
// scripts/build-cli.mjs, which include the fast path); a fast-path bundle missing or older than a
// source it was built from is rebuilt here first (about a second).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { buildCli } from "./build-cli.mjs";
import { warmPageRequests, warmServerActions } from "./warm-actions.mjs";
import { changesState, holdUntilDurable } from "./durable-answers.mjs";
import { passEncoding } from "./encoded-answers.mjs";
import { answerStaticAsset, precompressStatic, staticAssets } from "./static-assets.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { builtFile } = require("../lib/config/compiled-build.js");

function fail(message) {
  console.error(`[duizhao] ${message}`);
  process.exit(1);
}

/** -p/--port, -H/--hostname, --keepAliveTimeout, as `next start` reads them. */
function parseArguments(args) {
  const options = {};
  const names = { "-p": "port", "--port": "port", "-H": "hostname", "--hostname": "hostname", "--keepAliveTimeout": "keepAliveTimeout" };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].includes("=") ? [args[i].slice(0, args[i].indexOf("=")), args[i].slice(args[i].indexOf("=") + 1)] : [args[i], undefined];
    const name = names[flag];
    if (!name) fail(`unknown option ${args[i]} (options: -p PORT, -H HOSTNAME, --keepAliveTimeout MS)`);
    const value = inline ?? args[++i];
    if (value === undefined) fail(`${flag} needs a value`);
    options[name] = value;
  }
  const positive = (value, what) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) fail(`${what} must be a positive whole number, not ${value}`);
    return number;
  };
  return {
    port: positive(options.port ?? process.env.PORT ?? 3000, "the port"),
    hostname: options.hostname,
    keepAliveTimeout: options.keepAliveTimeout === undefined ? undefined : positive(options.keepAliveTimeout, "--keepAliveTimeout"),
  };
}

const { port, hostname, keepAliveTimeout } = parseArguments(process.argv.slice(2));
// As `next start` sets them (next/dist/bin/next, next/dist/server/lib/start-server.js).
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME ||= "nodejs";
process.env.PORT = String(port);
// A relative DATABASE_URL (and the default data/duizhao.db) means the project's, as for the command line.
process.env.DUIZHAO_HOME ||= root;

if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) fail("no production build: run `npm run build` first.");

// The fast path, precompiled by scripts/build-cli.mjs (`npm run build`, `npm install`).
let fastPathFile = builtFile(root, "saveFastPath");
if (!fastPathFile) {
  console.log("[duizhao] building the save fast path (a source changed since the last build, or there is none)");
  await buildCli();
  fastPathFile = builtFile(root, "saveFastPath", { checkFresh: false });
  if (!fastPathFile) fail("the build did not produce the save fast path");
}

// The build's scripts and stylesheets, compressed once (scripts/static-assets.mjs): written by
// `npm run build`; a build made another way (`next build`) gets them here, a few seconds once.
const distDir = path.join(root, ".next");
const precompressed = await precompressStatic(distDir);
if (precompressed > 0) console.log(`[duizhao] compressed ${precompressed} copies of the build's scripts and stylesheets`);
const assets = staticAssets(distDir);

const server = http.createServer();
// Routes may compress their own answers: this server passes their encoding on (passEncoding below).
globalThis.duizhaoPassesEncoding = true;
if (keepAliveTimeout) server.keepAliveTimeout = keepAliveTimeout;

const next = require("next");
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port, httpServer: server });
const handle = app.getRequestHandler();
// Next first (its instrumentation opens the database, starts the outbox worker…), then the fast
// path's bundle, which finds what they share on globalThis.
await app.prepare();
const { fastSaveSegmentId, answerSaveRequest } = require(fastPathFile);
const address = { hostname: hostname ?? "localhost", port };

// DUIZHAO_SERVER_TIMING (the load bench, scripts/bench/save-load.ts; off by default): every answer
// carries a Server-Timing header, `app` — the wall time from the request event (its head parsed)
// to the answer's head — so the bench can tell the server's time from the client's and from the
// queueing between them. DUIZHAO_SERVER_TIMING=cpu adds `cpu`, the process's CPU time over the
// same stretch (a getrusage call at each end: itself a measurable share of a save here).
const serverTiming = process.env.DUIZHAO_SERVER_TIMING;
function timeAnswer(res, withCpu) {
  const started = process.hrtime.bigint();
  const cpuStart = withCpu ? process.cpuUsage() : null;
  const writeHead = res.writeHead;
  // Next writes its head through writeHead too (ServerResponse's implicit head calls it).
  res.writeHead = function (...args) {
    let value = `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(3)}`;
    if (cpuStart) {
      const cpu = process.cpuUsage(cpuStart);
      value += `, cpu;dur=${((cpu.user + cpu.system) / 1000).toFixed(3)}`;
    }
    this.setHeader("server-timing", value);
    return writeHead.apply(this, args);
  };
}

function answer(req, res) {
  if (serverTiming) timeAnswer(res, serverTiming === "cpu");
  const segmentId = fastSaveSegmentId(req);
  if (segmentId !== null) return void answerSaveRequest(req, res, segmentId, address);
  if (answerStaticAsset(assets, req, res)) return;
  // A body a route compressed itself keeps its encoding (scripts/encoded-answers.mjs).
  passEncoding(res);
  // A server action, an upload, a form: answered once what it wrote is on disk (lib/sqlite-wal.ts).
  const wal = globalThis.duizhaoWal;
  if (wal?.db && wal.durable && changesState(req.method)) holdUntilDurable(res, wal.durable);
  // As `next start` answers a request its handler failed on (next/dist/server/lib/start-server.js).
  handle(req, res).catch((error) => {
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  });
}

// The host name the server is reached at (every interface: localhost).
const shownHost = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname.includes(":") ? `[${hostname}]` : hostname;

// Warm before listening (scripts/warm-actions.mjs): each page's server-action module loaded, and
// the sign-in page rendered once through this same listener, so that the first real requests do
// not spend hundreds of milliseconds of CPU compiling modules while the editors' saves wait.
// DUIZHAO_WARM_ACTIONS=0 / DUIZHAO_WARM_PAGES=0 turn a step off; a failure only costs the warmth.
await warmServerActions({ distDir: path.join(root, ".next"), require, readJson: (file) => JSON.parse(fs.readFileSync(file, "utf8")) });
await warmPageRequests({ listener: answer, host: `${shownHost}:${port}` });

server.on("request", answer);

server.on("error", (error) => fail(`could not start the server: ${error.message}`));

// Ends as `next start` ends: no new connections, running requests finished, then Next closed.
let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  server.close(() => {
    app.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}
if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

server.listen(port, hostname, () => {
  console.log(`[duizhao] ready on http://${shownHost}:${port} (Next.js ${require("next/package.json").version}, production)`);
});
