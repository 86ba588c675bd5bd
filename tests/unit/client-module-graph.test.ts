import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The browser bundles: every "use client" module and what it imports (value imports; type-only
 * imports vanish at compile time; a "use server" module is a reference, not bundled). A Node
 * built-in or a database driver reached this way breaks `next build` (Turbopack: "does not
 * support external modules") — once through the interface's label table importing a constant
 * from a module that slices its work with node:timers/promises.
 */
const root = path.resolve(__dirname, "../..");
const SERVER_ONLY = [/^node:/, /^(fs|path|crypto|child_process|worker_threads|os|stream|zlib)$/, /^better-sqlite3$/, /^pg$/, /^@prisma\//, /^nodemailer$/, /^@\/lib\/generated\//, /^@\/lib\/db$/];

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;

function serverOnlyReached(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    if (chain.length > 0 && /^\s*["']use server["']/.test(source)) return;
    for (const match of source.matchAll(VALUE_IMPORT)) {
      const spec = match[1] ?? "";
      const here = [...chain, path.relative(root, file)];
      if (SERVER_ONLY.some((pattern) => pattern.test(spec))) found.push([...here, spec].join(" → "));
      const local = resolveLocal(file, spec);
      if (local) walk(local, here);
    }
  };
  walk(entry, []);
  return found;
}

function clientModules(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...clientModules(full));
    else if (/\.tsx?$/.test(entry.name) && /^\s*["']use client["']/.test(fs.readFileSync(full, "utf8"))) out.push(full);
  }
  return out;
}

describe("browser bundles", () => {
  const clients = [...clientModules(path.join(root, "components")), ...clientModules(path.join(root, "app"))];

  it("are found (the scan is looking in the right place)", () => {
    expect(clients.length).toBeGreaterThan(20);
    expect(clients.some((file) => file.endsWith(path.join("editor", "document-editor.tsx")))).toBe(true);
  });

  it("reach no Node built-in, database driver or Prisma client through their imports", () => {
    const reached = clients.flatMap(serverOnlyReached);
    expect(reached).toEqual([]);
  });
});
