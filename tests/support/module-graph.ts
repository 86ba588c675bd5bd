import fs from "node:fs";
import path from "node:path";

/**
 * The browser's module graph as the source spells it: which local modules a module reaches
 * through its static value imports (type-only imports vanish at compile time; `import()` is a
 * chunk of its own, loaded when called, so it is not followed).
 */
export const root = path.resolve(__dirname, "../..");

/** A local import's file (`@/…` or relative), or null for a package. */
export function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;

/** The specifiers of a module's static value imports and re-exports. */
export function valueImports(file: string): string[] {
  return [...fs.readFileSync(file, "utf8").matchAll(VALUE_IMPORT)].map((match) => match[1] ?? "");
}

/**
 * Walks the static value imports from `entry`, depth first, each local module once. `visit` sees
 * every specifier with the chain of files that led to it and the local file it names (null: a
 * package); returning false does not go into that file.
 */
export function walkValueImports(entry: string, visit: (spec: string, chain: string[], target: string | null) => boolean | void): void {
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...chain, path.relative(root, file)];
    for (const spec of valueImports(file)) {
      const local = resolveLocal(file, spec);
      if (visit(spec, here, local) === false) continue;
      if (local) walk(local, here);
    }
  };
  walk(entry, []);
}
