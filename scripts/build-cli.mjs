#!/usr/bin/env node
// The command line, precompiled: lib/cli bundled by esbuild into plain JavaScript under
// dist/cli/, so `duizhao` starts without a TypeScript loader (tsx cost ~0.4 s of CPU per run).
// One CommonJS file; packages mostly stay in node_modules (see BUNDLED_PACKAGES). Modules behind
// an `import()` (each command in lib/cli/main.ts) are initialised, and their packages required,
// only when that import runs, so `help` and `qa` never load Prisma, exceljs or docx.
//
//   node scripts/build-cli.mjs             build now
//   node scripts/build-cli.mjs --if-stale  build only when a source file changed since the last build
//
// `npm install` (scripts/setup.mjs), `npm run build` and `npm test` build it; scripts/duizhao.mjs
// and scripts/start-server.mjs rebuild it when a source changed (an edited lib/ file never runs
// stale), which costs one stat per source. The same build carries the web server's workers and
// the production server's save fast path (lib/http/save-fast-path.ts), with the same options.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { compiledDir, builtFile } = createRequire(import.meta.url)("../lib/config/compiled-build.js");
/** DUIZHAO_CLI_DIR: where the build goes (tests build into a directory of their own). */
export const cliDir = () => compiledDir(root);
const manifestFile = () => path.join(cliDir(), "manifest.json");
/** Builds older than this that the manifest no longer names are removed by the next build. */
const OLD_BUILD_MS = 60 * 60 * 1000;

/**
 * Packages compiled into the bundle rather than loaded from node_modules: the small pure-JS ones
 * on the paths that must start fast (`qa` reads CSV and XML). Bundled, they load in about half
 * the CPU (~30 ms each otherwise: resolution, CommonJS export detection, many small files).
 * Everything else (Prisma and the drivers, exceljs, docx, mammoth, jszip, argon2) stays external:
 * loaded from node_modules, only by the commands that use it.
 */
const BUNDLED_PACKAGES = ["papaparse", "fast-xml-parser"];

/**
 * What lib/ takes from next-intl outside React is `createTranslator` (error messages, QA findings,
 * export labels), which next-intl re-exports from use-intl's core. The command line compiles that
 * core in (pure JS: use-intl, intl-messageformat, the ICU message parser) instead of requiring
 * next-intl: next-intl is ESM, and requiring it from CommonJS went through Node's ESM loader and
 * its React entry (~30–60 ms of CPU on every `qa`). A name the core does not export fails the build.
 */
const requireHere = createRequire(import.meta.url);
const translatorCore = () => createRequire(requireHere.resolve("next-intl")).resolve("use-intl/core");

/** esbuild plugin: bare imports from our code are external unless listed; a bundled package's own imports are bundled with it. */
function externalPackagesExcept(bundled) {
  return {
    name: "external-packages-except",
    setup(build) {
      build.onResolve({ filter: /^next-intl$/ }, () => ({ path: translatorCore() }));
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("@/")) return undefined; // the project's own alias (tsconfig paths)
        if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
        return bundled.includes(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * The entry file of the current build, or null when there is none or any source it was built
 * from changed (or vanished) since. The manifest lists every source file esbuild read.
 */
export function currentBuild() {
  return builtFile(root, "entry");
}

/**
 * Bundles lib/cli/run.ts, the web server's file worker (lib/exchange/file-worker.ts: file
 * reading, import analysis and Word/Excel building off the request thread), its matching
 * thread (lib/memory/match-worker.ts: an analysis's memory lookups) and the production server's
 * save fast path (lib/http/save-fast-path.ts, loaded by scripts/start-server.mjs), into a fresh directory dist/cli/build-…/
 * and then points the manifest at it (a rename, so a concurrent run sees the old build or the new
 * one, never half of one).
 */
export async function buildCli() {
  const esbuild = await import("esbuild");
  const builtAt = Date.now();
  const name = `build-${builtAt}-${process.pid}`;
  const outdir = path.join(cliDir(), name);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      duizhao: "lib/cli/run.ts",
      "file-worker": "lib/exchange/file-worker.ts",
      "match-worker": "lib/memory/match-worker.ts",
      "save-fast-path": "lib/http/save-fast-path.ts",
    },
    outdir,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    // CommonJS, as tsx ran it: a default import of a package compiled from ESM (`__esModule`,
    // e.g. next-auth's providers) gets its default export, which Node's own ESM loader would not.
    format: "cjs",
    platform: "node",
    target: "node20",
    plugins: [externalPackagesExcept(BUNDLED_PACKAGES)],
    tsconfig: "tsconfig.json",
    // The generated Prisma client reads import.meta.url, which CommonJS does not have.
    define: { "import.meta.url": "__duizhaoModuleUrl" },
    banner: { js: 'const __duizhaoModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });
  // The build script itself is an input too: changing its options rebuilds.
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/")), path.relative(root, fileURLToPath(import.meta.url))];
  fs.writeFileSync(path.join(outdir, "meta.json"), JSON.stringify(result.metafile));
  const manifest = {
    entry: `${name}/duizhao.cjs`,
    workers: { files: `${name}/file-worker.cjs`, match: `${name}/match-worker.cjs`, saveFastPath: `${name}/save-fast-path.cjs` },
    builtAt,
    inputs,
  };
  const temp = `${manifestFile()}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(manifest));
  fs.renameSync(temp, manifestFile());
  for (const dir of fs.readdirSync(cliDir())) {
    const stamp = Number(/^build-(\d+)-/.exec(dir)?.[1]);
    if (dir !== name && stamp && stamp < builtAt - OLD_BUILD_MS) fs.rmSync(path.join(cliDir(), dir), { recursive: true, force: true });
  }
  return path.join(outdir, "duizhao.cjs");
}

/** The entry of an up-to-date build, building first when needed. */
export async function ensureCliBuild() {
  return currentBuild() ?? (await buildCli());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // (No top-level await: the benches import this file through tsx, which loads it as CommonJS.)
  (process.argv.includes("--if-stale") ? ensureCliBuild() : buildCli()).then(
    (entry) => console.log(`[duizhao] command line built: ${path.relative(root, entry)}`),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
