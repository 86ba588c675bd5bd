#!/usr/bin/env node
// PROTOTYPE (issue 18), not the default start path (`npm start` stays `next start`): a custom
// server (Next's documented `next({ dev: false }).getRequestHandler()`) that answers the editor's
// save, POST /api/segments/:id/save, itself (lib/http/save-fast-path.ts: the proxy's and the
// route's checks, the same code after them) and hands every other request to Next.js. It measures
// what Next's per-request pipeline costs a save; see BENCHMARKS.md, "Notes on the save-latency target".
//
//   node scripts/build-cli.mjs && npx next build && PORT=3000 node scripts/prototype/fast-save-server.mjs
//
// Caveats of the prototype: lib code is bundled a second time (esbuild, as the command line is),
// so only state kept on globalThis is shared with Next's bundles (the Prisma client and its
// SQLite connection, the live-event bus, the fence, the token cache) — the outbox worker's wake-up
// listeners are not (a save's webhook rows wait for the worker's next poll).
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const port = Number(process.env.PORT) || 3000;
const hostname = process.env.HOSTNAME || "localhost";

const outdir = path.join(root, "dist/prototype");
const esbuild = await import("esbuild");
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { "save-fast-path": "lib/http/save-fast-path.ts" },
  outdir,
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  define: { "import.meta.url": "__duizhaoModuleUrl" },
  banner: { js: 'const __duizhaoModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
});
await esbuild.stop?.();

const next = require("next");
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const { fastSave, SAVE_PATH } = require(path.join(outdir, "save-fast-path.cjs"));

http
  .createServer((req, res) => {
    const match = req.method === "POST" ? SAVE_PATH.exec(req.url ?? "") : null;
    let segmentId = null;
    try {
      segmentId = match ? decodeURIComponent(match[1]) : null;
    } catch {
      // not a valid address: Next answers it
    }
    if (segmentId === null) return handle(req, res);
    fastSave(req, res, segmentId).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "Internal Server Error" }));
    });
  })
  .listen(port, hostname, () => console.log(`> fast-save prototype on http://${hostname}:${port}`));
