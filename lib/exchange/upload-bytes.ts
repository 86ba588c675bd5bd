import { TimeSlicer } from "@/lib/jobs/time-slice";

/**
 * An uploaded file's bytes, read from its stream a chunk at a time under the time budget.
 * `Buffer.from(await file.arrayBuffer())` reads every chunk of the upload in one run of
 * microtasks and joins them: for a 13 MB file (a 40,000-unit XLIFF) 30–120 ms of CPU during
 * which the event loop turned for no one (BENCHMARKS.md, "Fairness").
 */
export async function uploadBytes(file: Blob): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const slicer = new TimeSlicer();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    await slicer.maybeYield();
  }
  return chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks);
}
