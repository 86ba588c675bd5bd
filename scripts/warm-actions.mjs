// Warming a fresh production server before it listens (scripts/start-server.mjs; issue 13, "the
// server never stalls"). Next loads a page's server bundle, and the module holding the page's
// server actions, on the first request that needs them; loading and compiling them is hundreds of
// milliseconds of synchronous CPU (a first page render ~850 ms), during which nobody else is
// answered. The first re-import apply in a fresh server held the event loop 78 ms and the
// editors' saves waited. So the server loads those modules, and renders the sign-in page once,
// before it accepts connections. Failures are logged and never stop the server: a module not
// warmed is loaded by Next on its first use, as before.
import http from "node:http";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";

/** `DUIZHAO_WARM_ACTIONS=0` / `DUIZHAO_WARM_PAGES=0` turn a warming step off (anything else leaves it on). */
export function warmingEnabled(env, name) {
  const value = env[name];
  return !(value !== undefined && ["0", "false", "off", "no"].includes(value.trim().toLowerCase()));
}

/**
 * The action modules to load, one per page that has any: from the build's
 * server-reference-manifest.json (`{ node: { [actionId]: { workers: { "app/…/page": { moduleId,
 * async } } } } }`), each page once with the id of the module its actions are taken from there
 * (next/dist/server/app-render/action-handler.js looks up the same entry and loads it with the
 * page bundle's `__next_app__.require`). Pages in first-seen order; edge actions are not ours.
 */
export function actionModulesByPage(manifest) {
  const byPage = new Map();
  for (const entry of Object.values(manifest?.node ?? {})) {
    for (const [page, worker] of Object.entries(entry?.workers ?? {})) {
      if (!worker || (typeof worker.moduleId !== "number" && typeof worker.moduleId !== "string")) continue;
      const ids = byPage.get(page) ?? new Set();
      ids.add(worker.moduleId);
      byPage.set(page, ids);
    }
  }
  return [...byPage].map(([page, ids]) => ({ page, moduleIds: [...ids] }));
}

/**
 * The file of a page's server bundle as Next's requirePage finds it (next/dist/server/require.js):
 * the app-paths manifest maps "/documents/[documentId]/page" to "app/documents/[documentId]/page.js"
 * under .next/server; a worker's name is that path without ".js" ("app/documents/[documentId]/page").
 */
export function pageBundleFile(distDir, appPathsManifest, page) {
  const route = page.startsWith("app/") ? page.slice(3) : page;
  const file = appPathsManifest?.[route] ?? `${page}.js`;
  return path.isAbsolute(file) ? file : path.join(distDir, "server", file);
}

/**
 * Loads every page's server bundle and its action module(s) the way Next does on a page's first
 * action call: Node's require of the bundle (the same cache Next's requirePage uses), then the
 * bundle's `__next_app__.require(moduleId)`, awaited (an async module answers a promise). A turn
 * of the event loop between pages (the instrumentation's timers run meanwhile). Answers what was
 * loaded and what failed; each failure is logged, none is thrown.
 */
export async function warmServerActions({ distDir, require, readJson, log = console.log, warn = console.warn, env = process.env }) {
  const result = { pages: 0, modules: 0, failed: 0, ms: 0 };
  if (!warmingEnabled(env, "DUIZHAO_WARM_ACTIONS")) return result;
  const started = performance.now();
  let manifest;
  let appPaths;
  try {
    manifest = readJson(path.join(distDir, "server", "server-reference-manifest.json"));
    appPaths = readJson(path.join(distDir, "server", "app-paths-manifest.json"));
  } catch (error) {
    warn(`[duizhao] server actions not warmed: ${error instanceof Error ? error.message : error}`);
    result.failed++;
    return result;
  }
  for (const { page, moduleIds } of actionModulesByPage(manifest)) {
    try {
      const bundle = require(pageBundleFile(distDir, appPaths, page));
      const appRequire = bundle?.__next_app__?.require;
      if (typeof appRequire !== "function") throw new Error("its bundle has no __next_app__.require");
      for (const id of moduleIds) {
        await appRequire(id);
        result.modules++;
      }
      result.pages++;
    } catch (error) {
      result.failed++;
      warn(`[duizhao] the server actions of ${page} were not warmed (loaded on first use instead): ${error instanceof Error ? error.message : error}`);
    }
    await nextTurn();
  }
  result.ms = performance.now() - started;
  log(`[duizhao] warmed ${result.modules} server-action modules of ${result.pages} pages in ${Math.round(result.ms)} ms${result.failed ? ` (${result.failed} failed)` : ""}`);
  return result;
}

/** The pages requested while warming: the sign-in page (rendered) and the home page (signed out: the proxy's redirect). */
export const WARM_PATHS = ["/login", "/"];

/**
 * Serves `listener` (the server's own request listener) on a temporary loopback server (port 0),
 * GETs each of `paths` through it with the Host the real server will be reached at, reads the
 * answers, then closes it: the first real render is then warm. Answers each path's status (or the
 * error); failures are logged, never thrown. A request taking longer than `timeoutMs` is given up.
 */
export async function warmPageRequests({ listener, host, paths = WARM_PATHS, log = console.log, warn = console.warn, env = process.env, timeoutMs = 30_000 }) {
  const answers = [];
  if (!warmingEnabled(env, "DUIZHAO_WARM_PAGES")) return answers;
  const started = performance.now();
  const server = http.createServer(listener);
  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve(undefined));
    });
    const { port } = server.address();
    for (const pathName of paths) {
      try {
        const status = await new Promise((resolve, reject) => {
          const request = http.get({ host: "127.0.0.1", port, path: pathName, headers: { host, accept: "text/html", "accept-language": "en" }, agent: false }, (response) => {
            response.on("error", reject);
            response.on("end", () => resolve(response.statusCode));
            response.resume();
          });
          request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
          request.on("error", reject);
        });
        answers.push({ path: pathName, status });
      } catch (error) {
        answers.push({ path: pathName, error: error instanceof Error ? error.message : String(error) });
        warn(`[duizhao] warming ${pathName} failed (it is rendered on first use instead): ${error instanceof Error ? error.message : error}`);
      }
    }
  } catch (error) {
    warn(`[duizhao] pages not warmed: ${error instanceof Error ? error.message : error}`);
  } finally {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
  }
  const shown = answers.map((a) => `${a.path} ${a.status ?? "failed"}`).join(", ");
  if (answers.length) log(`[duizhao] warmed pages (${shown}) in ${Math.round(performance.now() - started)} ms`);
  return answers;
}
