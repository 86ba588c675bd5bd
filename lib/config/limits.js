// Plain CommonJS so next.config.js can read it as well as TypeScript code.

/** Largest upload accepted, in bytes: DUIZHAO_MAX_UPLOAD_MB (default 20 MB). */
function maxUploadBytes(env = process.env) {
  const mb = Number(env.DUIZHAO_MAX_UPLOAD_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 20) * 1024 * 1024);
}

module.exports = { maxUploadBytes };
