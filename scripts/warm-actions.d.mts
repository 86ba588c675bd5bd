// Types for scripts/warm-actions.mjs (the tests import it).
import type { IncomingMessage, ServerResponse } from "node:http";

type Env = Record<string, string | undefined>;

export function warmingEnabled(env: Env, name: string): boolean;
export function actionModulesByPage(manifest: unknown): { page: string; moduleIds: (number | string)[] }[];
export function pageBundleFile(distDir: string, appPathsManifest: Record<string, string> | undefined, page: string): string;
export function warmServerActions(options: {
  distDir: string;
  require: (file: string) => unknown;
  readJson: (file: string) => unknown;
  log?: (message: string) => void;
  warn?: (message: string) => void;
  env?: Env;
}): Promise<{ pages: number; modules: number; failed: number; ms: number }>;
export const WARM_PATHS: string[];
export function warmPageRequests(options: {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  host: string;
  paths?: string[];
  log?: (message: string) => void;
  warn?: (message: string) => void;
  env?: Env;
  timeoutMs?: number;
}): Promise<{ path: string; status?: number; error?: string }[]>;
