import path from "node:path";

/** Where the embedded SQLite database lives unless DATABASE_URL says otherwise. */
export const DEFAULT_SQLITE_FILE = "data/duizhao.db";

/**
 * The database URL the app, the CLI and the scripts agree on. A relative `file:` path is
 * resolved against the project root: DUIZHAO_HOME (set by the CLI launcher, which may run from
 * any directory), else the working directory of npm scripts and `next`.
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim() || `file:${DEFAULT_SQLITE_FILE}`;
  if (!url.startsWith("file:")) return url;
  const file = url.slice("file:".length);
  return `file:${path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ env.DUIZHAO_HOME || process.cwd(), file)}`;
}

export function isSqlite(url: string): boolean {
  return url.startsWith("file:");
}
