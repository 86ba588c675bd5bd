/**
 * Issue 13: the production server warms, before it listens, the modules that a page's first
 * server-action call and first render would otherwise load and compile while everyone waits
 * (scripts/warm-actions.mjs, used by scripts/start-server.mjs). Which modules, how they are
 * loaded, the switches that turn it off, and that a failure never stops the server.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionModulesByPage, pageBundleFile, warmingEnabled, warmPageRequests, warmServerActions, WARM_PATHS } from "../../scripts/warm-actions.mjs";

const root = path.join(__dirname, "../..");
const distDir = "/srv/app/.next";

/** A manifest as `next build` writes it: two pages sharing one action, one page with its own, an edge action. */
const manifest = {
  node: {
    "7f0a": { workers: { "app/documents/[documentId]/reimport/page": { moduleId: 101, async: true }, "app/account/page": { moduleId: 202, async: false } }, layer: {} },
    "7f0b": { workers: { "app/documents/[documentId]/reimport/page": { moduleId: 101, async: true } }, layer: {} },
    "7f0c": { workers: { "app/login/page": { moduleId: "303", async: false }, "app/broken/page": { async: true } }, layer: {} },
  },
  edge: { "7f0d": { workers: { "app/edge/page": { moduleId: 404 } } } },
  encryptionKey: "k",
};
const appPaths = {
  "/documents/[documentId]/reimport/page": "app/documents/[documentId]/reimport/page.js",
  "/account/page": "app/account/page.js",
  "/login/page": "app/login/page.js",
};

/** A fake of Node's require for page bundles: each bundle's __next_app__.require records the module ids asked for. */
function bundles(overrides: Record<string, unknown> = {}) {
  const loaded: [string, number | string][] = [];
  const required: string[] = [];
  const require = (file: string) => {
    required.push(file);
    if (file in overrides) {
      const override = overrides[file];
      if (override instanceof Error) throw override;
      return override;
    }
    // An async module answers a promise (webpack's and Turbopack's require alike).
    return { __next_app__: { require: (id: number | string) => (loaded.push([file, id]), id === 101 ? Promise.resolve({}) : {}) } };
  };
  return { require, loaded, required };
}

const quiet = () => {
  const lines: string[] = [];
  return { lines, log: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(`warn: ${m}`) };
};

const readJson = (file: string) => (file.endsWith("server-reference-manifest.json") ? manifest : file.endsWith("app-paths-manifest.json") ? appPaths : null);

describe("which action modules are warmed", () => {
  it("one entry per page, with the module ids its actions are taken from (node only, malformed workers skipped)", () => {
    expect(actionModulesByPage(manifest)).toEqual([
      { page: "app/documents/[documentId]/reimport/page", moduleIds: [101] },
      { page: "app/account/page", moduleIds: [202] },
      { page: "app/login/page", moduleIds: ["303"] },
    ]);
  });

  it("nothing for an empty or missing manifest", () => {
    expect(actionModulesByPage({ node: {}, edge: {} })).toEqual([]);
    expect(actionModulesByPage(undefined)).toEqual([]);
    expect(actionModulesByPage({ node: { x: {} } })).toEqual([]);
  });

  it("a page's server bundle is the file the app-paths manifest names, as Next's requirePage finds it", () => {
    expect(pageBundleFile(distDir, appPaths, "app/documents/[documentId]/reimport/page")).toBe("/srv/app/.next/server/app/documents/[documentId]/reimport/page.js");
    // Not listed: the worker's own name, which is the bundle's path without ".js".
    expect(pageBundleFile(distDir, {}, "app/other/page")).toBe("/srv/app/.next/server/app/other/page.js");
    expect(pageBundleFile(distDir, { "/x/page": "/abs/x.js" }, "app/x/page")).toBe("/abs/x.js");
  });

  it("Next still loads an action's module this way: the manifest worker's moduleId, through the page bundle's __next_app__.require", () => {
    const next = path.join(root, "node_modules/next/dist/server/app-render");
    expect(fs.readFileSync(path.join(next, "action-handler.js"), "utf8")).toContain("await ComponentMod.__next_app__.require(actionModId)");
    const singleton = fs.readFileSync(path.join(next, "manifests-singleton.js"), "utf8");
    expect(singleton).toMatch(/\.workers;/);
    expect(singleton).toMatch(/const \{ moduleId, async[^}]*\} = workerEntry;\s*return \{\s*id: moduleId,/);
  });
});

describe("warmServerActions", () => {
  it("requires each page's bundle and awaits each of its action modules through the bundle's __next_app__.require", async () => {
    const { require, loaded, required } = bundles();
    const out = quiet();
    const result = await warmServerActions({ distDir, require, readJson, env: {}, ...out });
    expect(required).toEqual([
      "/srv/app/.next/server/app/documents/[documentId]/reimport/page.js",
      "/srv/app/.next/server/app/account/page.js",
      "/srv/app/.next/server/app/login/page.js",
    ]);
    expect(loaded.map(([, id]) => id)).toEqual([101, 202, "303"]);
    expect(result).toMatchObject({ pages: 3, modules: 3, failed: 0 });
    expect(out.lines).toEqual([expect.stringMatching(/^\[duizhao\] warmed 3 server-action modules of 3 pages in \d+ ms$/)]);
  });

  it("DUIZHAO_WARM_ACTIONS=0 loads nothing, not even the manifest", async () => {
    const { require, required } = bundles();
    let read = 0;
    const result = await warmServerActions({ distDir, require, readJson: (f: string) => (read++, readJson(f)), env: { DUIZHAO_WARM_ACTIONS: "0" }, ...quiet() });
    expect([required.length, read, result.modules]).toEqual([0, 0, 0]);
  });

  it("a bundle that fails to load, one without __next_app__, or a module that rejects is logged and skipped; the others are warmed", async () => {
    const reimport = "/srv/app/.next/server/app/documents/[documentId]/reimport/page.js";
    const account = "/srv/app/.next/server/app/account/page.js";
    const { require, loaded } = bundles({ [reimport]: new Error("Cannot find module"), [account]: {} });
    const out = quiet();
    const result = await warmServerActions({ distDir, require, readJson, env: {}, ...out });
    expect(loaded.map(([, id]) => id)).toEqual(["303"]);
    expect(result).toMatchObject({ pages: 1, modules: 1, failed: 2 });
    expect(out.lines.filter((l) => l.startsWith("warn:"))).toEqual([
      expect.stringContaining("app/documents/[documentId]/reimport/page were not warmed (loaded on first use instead): Cannot find module"),
      expect.stringContaining("app/account/page were not warmed (loaded on first use instead): its bundle has no __next_app__.require"),
    ]);

    const rejecting = { __next_app__: { require: () => Promise.reject(new Error("module threw")) } };
    const second = await warmServerActions({ distDir, require: () => rejecting, readJson, env: {}, ...quiet() });
    expect(second).toMatchObject({ pages: 0, modules: 0, failed: 3 });
  });

  it("no manifest (not built with actions, unreadable): a warning, and the server goes on", async () => {
    const out = quiet();
    const result = await warmServerActions({ distDir, require: bundles().require, readJson: () => { throw new Error("ENOENT: no such file"); }, env: {}, ...out });
    expect(result).toMatchObject({ modules: 0, failed: 1 });
    expect(out.lines).toEqual(["warn: [duizhao] server actions not warmed: ENOENT: no such file"]);
  });
});

describe("warmPageRequests", () => {
  it("GETs /login and / through the server's own listener on a temporary loopback server, with the real host, then closes it", async () => {
    const seen: { url?: string; host?: string; method?: string; local?: string }[] = [];
    let port = 0;
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push({ url: req.url, host: req.headers.host, method: req.method, local: req.socket.localAddress });
      port = req.socket.localPort!;
      if (req.url === "/") res.writeHead(307, { location: "/login" }).end();
      else res.end("<html>sign in</html>");
    };
    const answers = await warmPageRequests({ listener, host: "localhost:3000", env: {}, ...quiet() });
    expect(WARM_PATHS).toEqual(["/login", "/"]);
    expect(answers).toEqual([{ path: "/login", status: 200 }, { path: "/", status: 307 }]);
    expect(seen).toEqual([
      { url: "/login", host: "localhost:3000", method: "GET", local: "127.0.0.1" },
      { url: "/", host: "localhost:3000", method: "GET", local: "127.0.0.1" },
    ]);
    // Closed: nothing listens on the temporary port any more.
    await expect(fetch(`http://127.0.0.1:${port}/login`)).rejects.toThrow();
  });

  it("DUIZHAO_WARM_PAGES=0 requests nothing", async () => {
    let calls = 0;
    const answers = await warmPageRequests({ listener: (_req, res) => void (calls++, res.end()), host: "localhost:3000", env: { DUIZHAO_WARM_PAGES: "0" }, ...quiet() });
    expect([answers, calls]).toEqual([[], 0]);
  });

  it("a page whose request fails or never answers is logged and given up; the next is still requested", async () => {
    const out = quiet();
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url === "/broken") return void req.socket.destroy();
      if (req.url === "/slow") return; // never answers
      res.end("ok");
    };
    const answers = await warmPageRequests({ listener, host: "localhost:3000", paths: ["/broken", "/slow", "/login"], timeoutMs: 300, env: {}, ...out });
    expect(answers).toEqual([
      { path: "/broken", error: expect.any(String) },
      { path: "/slow", error: "no answer within 300 ms" },
      { path: "/login", status: 200 },
    ]);
    expect(out.lines.filter((l) => l.startsWith("warn:"))).toHaveLength(2);
  });
});

describe("the switches", () => {
  it("on unless set to 0, false, off or no", () => {
    expect(warmingEnabled({}, "DUIZHAO_WARM_ACTIONS")).toBe(true);
    expect(warmingEnabled({ DUIZHAO_WARM_ACTIONS: "1" }, "DUIZHAO_WARM_ACTIONS")).toBe(true);
    for (const off of ["0", "false", "OFF", " no "]) expect(warmingEnabled({ DUIZHAO_WARM_PAGES: off }, "DUIZHAO_WARM_PAGES")).toBe(false);
  });

  it("npm start warms before it listens, through the same request listener, and the switches are documented", () => {
    const start = fs.readFileSync(path.join(root, "scripts/start-server.mjs"), "utf8");
    const warmed = start.indexOf("await warmPageRequests({ listener: answer");
    expect(start.indexOf("await warmServerActions(")).toBeGreaterThan(start.indexOf("await app.prepare()"));
    expect(warmed).toBeGreaterThan(start.indexOf("await warmServerActions("));
    expect(start.indexOf("server.listen(")).toBeGreaterThan(warmed);
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme).toContain("`DUIZHAO_WARM_ACTIONS`");
    expect(readme).toContain("`DUIZHAO_WARM_PAGES`");
  });
});
