/**
 * For tests of what scripts/build-cli.mjs builds (the command line, the upload worker, the
 * matching worker): a build of the test file's own, in a directory of its own under dist/, so the
 * test never depends on (or disturbs) the project's dist/cli. Built before the file's tests with
 * the given environment set; afterwards the environment is restored and the build removed.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

export const projectRoot = path.join(__dirname, "../..");

export function useOwnBuild(name: string, env: Record<string, string> = {}): void {
  const buildDir = path.join(projectRoot, "dist", `${name}-${randomUUID().slice(0, 8)}`);
  const saved = { ...process.env };
  beforeAll(async () => {
    process.env.DUIZHAO_CLI_DIR = buildDir;
    Object.assign(process.env, env);
    // build-cli.mjs is an ES module script; its buildCli() writes the CLI and the workers.
    const { buildCli } = (await import(path.join(projectRoot, "scripts/build-cli.mjs"))) as { buildCli: () => Promise<string> };
    await buildCli();
  }, 120_000);
  afterAll(() => {
    process.env = saved;
    fs.rmSync(buildDir, { recursive: true, force: true });
  });
}
