import { z } from "zod";
import { TimeSlicer } from "./time-slice";

// Apart from lib/jobs/time-slice.ts, which nearly every long job imports: zod costs ~60 ms of CPU
// to load, which the command line's `qa` and `help` (and every job that validates nothing) need not pay.

/**
 * Validates each item of a long list against `schema` under a time budget, yielding between
 * slices; answers the parsed items, or null if any item fails. Zod checks a 20,000-change
 * re-import in 25–70 ms of CPU in one go (100,000, which the schemas allow, five times that):
 * a request's validation must not hold the event loop longer than its work may.
 */
export async function parseInSlices<S extends z.ZodType>(schema: S, items: readonly unknown[]): Promise<z.output<S>[] | null> {
  const slicer = new TimeSlicer();
  const out: z.output<S>[] = [];
  for (const item of items) {
    await slicer.maybeYield();
    const parsed = schema.safeParse(item);
    if (!parsed.success) return null;
    out.push(parsed.data);
  }
  return out;
}

/**
 * Like parseInSlices, for a list in a request body: answers the parsed items, or throws the first
 * item's ZodError with its place in the body (`path`, then the item's index) — which the JSON
 * routes answer as a 400 naming it.
 */
export async function parseListInSlices<S extends z.ZodType>(schema: S, items: readonly unknown[], path: readonly PropertyKey[]): Promise<z.output<S>[]> {
  const slicer = new TimeSlicer();
  const out: z.output<S>[] = [];
  for (const [index, item] of items.entries()) {
    await slicer.maybeYield();
    const parsed = schema.safeParse(item);
    if (!parsed.success) throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [...path, index, ...issue.path] })));
    out.push(parsed.data);
  }
  return out;
}
