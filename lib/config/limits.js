// Plain CommonJS so next.config.js can read it as well as TypeScript code.

/** Largest upload accepted, in bytes: DUIZHAO_MAX_UPLOAD_MB (default 20 MB). */
function maxUploadBytes(env = process.env) {
  const mb = Number(env.DUIZHAO_MAX_UPLOAD_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 20) * 1024 * 1024);
}

/**
 * Largest request body the server reads at all: an upload at the limit with room for multipart
 * encoding (and pasted Chinese, up to three UTF-8 bytes a character, counted in characters).
 * Requests between the two get the app's own "larger than the upload limit" message; beyond this
 * the proxy answers 413 before anything is read. Next.js's proxy body buffer and the server
 * actions' body limit are both set to it, so neither cuts a request short (issue 13).
 */
function maxRequestBytes(env = process.env) {
  return maxUploadBytes(env) * 3 + 1024 * 1024;
}

module.exports = { maxUploadBytes, maxRequestBytes };
