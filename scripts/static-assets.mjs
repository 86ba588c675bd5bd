// The production server's scripts and stylesheets, compressed once at build time (issue 18).
//
// Next.js compresses what it serves as it sends it: gzip at zlib's default level, on every request
// for every script — a first visit to the editor fetches ~750 KB of them, about 40 ms of the
// server's CPU while that same server is reading the document's chunks for the page. Their names
// carry their content's hash and never change within a build, so `npm run build` writes a Brotli
// (quality 11) and a gzip (level 9) copy beside each (`precompressStatic`), and `npm start`
// (scripts/start-server.mjs) answers them from memory (`staticAssets`): smaller than Next's gzip
// and no compression per request. Anything else — another file, a Range request, a client that
// takes neither encoding, a copy older than its file — goes to Next as before. A compressing proxy
// in front (docs/deployment.md) passes an answer that already has its Content-Encoding as it is.
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { acceptedEncodings, COMPRESSION_THRESHOLD } from "./encoded-answers.mjs";

const TYPES = { ".js": "application/javascript; charset=UTF-8", ".css": "text/css; charset=UTF-8" };
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** The encodings written, best first: their file suffix and how a copy is made. */
const ENCODINGS = [
  {
    name: "br",
    suffix: ".br",
    compress: (body) => brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  },
  { name: "gzip", suffix: ".gz", compress: (body) => gzip(body, { level: 9 }) },
];

/** Every .js and .css file under `dir` (recursively), as paths relative to it with forward slashes. */
function assetFiles(dir, prefix = "") {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix + entry.name;
    if (entry.isDirectory()) found.push(...assetFiles(path.join(dir, entry.name), `${relative}/`));
    else if (entry.isFile() && path.extname(entry.name) in TYPES) found.push(relative);
  }
  return found;
}

/** Whether `copy` exists and was written after its file last changed (`sourceMtime`). */
function fresh(copy, sourceMtime) {
  try {
    return fs.statSync(copy).mtimeMs >= sourceMtime;
  } catch {
    return false;
  }
}

/**
 * Writes the Brotli and gzip copies of the build's scripts and stylesheets (`<file>.br`,
 * `<file>.gz`) that are missing or older than their file; on zlib's thread pool, all at once.
 * A file whose copies are fresh is not read. Returns how many copies it wrote.
 */
export async function precompressStatic(distDir) {
  const staticDir = path.join(distDir, "static");
  const jobs = [];
  for (const relative of assetFiles(staticDir)) {
    const file = path.join(staticDir, relative);
    const { size, mtimeMs } = fs.statSync(file);
    if (size < COMPRESSION_THRESHOLD) continue;
    const stale = ENCODINGS.filter(({ suffix }) => !fresh(file + suffix, mtimeMs));
    if (stale.length === 0) continue;
    const body = fs.readFileSync(file);
    for (const { suffix, compress } of stale) {
      // Written aside, then renamed: several servers starting on one build (the multi-instance
      // mode) may write the same copy at once, and none may read one half written.
      const aside = `${file}${suffix}.${process.pid}.tmp`;
      jobs.push(
        compress(body).then((compressed) => {
          fs.writeFileSync(aside, compressed);
          fs.renameSync(aside, file + suffix);
        }),
      );
    }
  }
  await Promise.all(jobs);
  return jobs.length;
}

/**
 * The build's compressed copies, read into memory (a megabyte or two), by the address Next serves
 * each file at (`/_next/static/…`). Copies older than their file (a build without this step since)
 * are left out: Next serves those files.
 */
export function staticAssets(distDir) {
  const staticDir = path.join(distDir, "static");
  const assets = new Map();
  for (const relative of assetFiles(staticDir)) {
    const file = path.join(staticDir, relative);
    const { size, mtimeMs } = fs.statSync(file);
    const bodies = {};
    for (const { name, suffix } of ENCODINGS) if (fresh(file + suffix, mtimeMs)) bodies[name] = fs.readFileSync(file + suffix);
    if (Object.keys(bodies).length === 0) continue;
    assets.set(`/_next/static/${relative}`, { type: TYPES[path.extname(file)], tag: `${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}`, bodies });
  }
  return assets;
}

/**
 * Answers a GET or HEAD of one of `assets` in the best encoding the request takes; false (nothing
 * written) when it is not one of them or cannot be answered so, for Next to answer.
 */
export function answerStaticAsset(assets, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (!req.url?.startsWith("/_next/static/") || req.headers.range) return false;
  const query = req.url.indexOf("?");
  const asset = assets.get(query < 0 ? req.url : req.url.slice(0, query));
  if (!asset) return false;
  const accepted = acceptedEncodings(req.headers["accept-encoding"] ?? null);
  const encoding = ENCODINGS.find(({ name }) => asset.bodies[name] && accepted.has(name))?.name;
  if (!encoding) return false;
  const etag = `W/"${asset.tag}-${encoding}"`;
  res.setHeader("cache-control", "public, max-age=31536000, immutable");
  res.setHeader("vary", "Accept-Encoding");
  res.setHeader("etag", etag);
  if (req.headers["if-none-match"] === etag) {
    res.statusCode = 304;
    res.end();
    return true;
  }
  const body = asset.bodies[encoding];
  res.setHeader("content-type", asset.type);
  res.setHeader("content-encoding", encoding);
  res.setHeader("content-length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

// `node scripts/static-assets.mjs <distDir>`: the build step (package.json "build").
if (import.meta.url === `file://${process.argv[1]}`) {
  const distDir = path.resolve(process.argv[2] ?? ".next");
  const started = Date.now();
  const written = await precompressStatic(distDir);
  console.log(`[duizhao] compressed ${written} copies of the build's scripts and stylesheets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
