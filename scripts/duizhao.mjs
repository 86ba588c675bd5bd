#!/usr/bin/env node
// The `duizhao` command (package.json bin; also `npm run cli -- …`). It runs the command line
// precompiled to JavaScript (scripts/build-cli.mjs: lib/cli bundled into dist/cli), in this
// process, so the CLI shares every line of lib/ with the web app without a TypeScript loader at
// run time. When a source file changed since the last build, it is rebuilt first (~1 s, once).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureCliBuild } from "./build-cli.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// A relative DATABASE_URL (and the default data/duizhao.db) means the project's, from any directory.
process.env.DUIZHAO_HOME ||= root;
// `npm run cli -- …` runs this in the project's directory wherever it was typed; file names on the
// command line are the user's, relative to where they typed it (npm passes that as INIT_CWD).
if (process.env.npm_lifecycle_event === "cli" && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
// require, not import(): the build is CommonJS, and import() would first scan all of it for
// named exports (~60 ms of CPU for nothing).
createRequire(import.meta.url)(await ensureCliBuild());
