import { builtFile } from "@/lib/config/compiled-build";

/**
 * Where the server finds a worker of the precompiled build (scripts/build-cli.mjs): a function
 * giving the bundle's path, or null to do the work in-process. A bundle older than a source it
 * was built from is not used (it would work differently from the server's own code): in
 * development that is checked at every call (one stat per source), in production once per
 * process, and `warning` is logged when there is none.
 */
export function workerBundle(which: "files" | "match", warning: string): () => string | null {
  let production: string | null | undefined;
  return () => {
    if (process.env.NODE_ENV !== "production") return builtFile(process.cwd(), which);
    if (production === undefined) {
      production = builtFile(process.cwd(), which);
      if (!production) console.warn(warning);
    }
    return production;
  };
}
