import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root, walkValueImports } from "../support/module-graph";

/**
 * The browser bundles: every "use client" module and what it imports (value imports; type-only
 * imports vanish at compile time; a "use server" module is a reference, not bundled). A Node
 * built-in or a database driver reached this way breaks `next build` (Turbopack: "does not
 * support external modules") — once through the interface's label table importing a constant
 * from a module that slices its work with node:timers/promises.
 */
const SERVER_ONLY = [/^node:/, /^(fs|path|crypto|child_process|worker_threads|os|stream|zlib)$/, /^better-sqlite3$/, /^pg$/, /^@prisma\//, /^nodemailer$/, /^@\/lib\/generated\//, /^@\/lib\/db$/];

function serverOnlyReached(entry: string): string[] {
  const found: string[] = [];
  walkValueImports(entry, (spec, chain, target) => {
    if (SERVER_ONLY.some((pattern) => pattern.test(spec))) found.push([...chain, spec].join(" → "));
    // A "use server" module is a reference in the browser, not bundled: what it imports is not followed.
    if (target && /^\s*["']use server["']/.test(fs.readFileSync(target, "utf8"))) return false;
  });
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
