// Plain CommonJS, shared by scripts/build-cli.mjs (which writes the build) and the server (which
// runs the upload worker from it): where the precompiled JavaScript lives and whether it is current.
const fs = require("node:fs");
const path = require("node:path");

/** DUIZHAO_CLI_DIR: where the build goes (tests build into a directory of their own). */
function compiledDir(root, env = process.env) {
  return path.resolve(root, env.DUIZHAO_CLI_DIR || "dist/cli");
}

/** The build's manifest ({ entry, workers, builtAt, inputs }), or null when there is none. */
function readManifest(root, env = process.env) {
  try {
    return JSON.parse(fs.readFileSync(path.join(compiledDir(root, env), "manifest.json"), "utf8"));
  } catch {
    return null;
  }
}

/** Whether any source the build was made from changed (or vanished) since: one stat per source. */
function isStale(root, manifest) {
  for (const input of manifest.inputs) {
    const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > manifest.builtAt) return true;
  }
  return false;
}

/**
 * The absolute path of a file of the current build — `entry` (the command line) or a worker by
 * name — or null when there is no build, the file is missing, or (when `checkFresh`) a source
 * changed since it was built.
 */
function builtFile(root, which, { checkFresh = true, env = process.env } = {}) {
  const manifest = readManifest(root, env);
  if (!manifest) return null;
  const relative = which === "entry" ? manifest.entry : manifest.workers && manifest.workers[which];
  if (!relative) return null;
  if (checkFresh && isStale(root, manifest)) return null;
  const file = path.join(compiledDir(root, env), relative);
  return fs.existsSync(file) ? file : null;
}

module.exports = { compiledDir, readManifest, isStale, builtFile };
