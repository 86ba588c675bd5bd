export interface CompiledBuildManifest {
  entry: string;
  workers?: Record<string, string>;
  builtAt: number;
  inputs: string[];
}
export function compiledDir(root: string, env?: NodeJS.ProcessEnv): string;
export function readManifest(root: string, env?: NodeJS.ProcessEnv): CompiledBuildManifest | null;
export function isStale(root: string, manifest: CompiledBuildManifest): boolean;
export function builtFile(root: string, which: "entry" | string, options?: { checkFresh?: boolean; env?: NodeJS.ProcessEnv }): string | null;
