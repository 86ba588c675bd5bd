// Types for scripts/build-cli.mjs (the tests import it).
export function cliDir(): string;
export function currentBuild(): string | null;
export function buildCli(): Promise<string>;
export function ensureCliBuild(): Promise<string>;
