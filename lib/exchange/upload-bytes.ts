import { TimeSlicer } from "@/lib/jobs/time-slice";

/**
 * An upload as it arrives: a File from a form, or a request's body read as it comes in
 * (lib/http/upload-route.ts). Only read once, as a stream; `size` is its length in bytes (declared,
 * for a request: the reading refuses a body that runs past the upload limit).
 */
export interface UploadSource {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

/** An upload with the file's name (which says how to read it): a File is one. */
export interface NamedUpload extends UploadSource {
  readonly name: string;
}

/**
 * An upload's bytes, read from its stream a chunk at a time under the time budget.
 * `Buffer.from(await file.arrayBuffer())` reads every chunk of the upload in one run of
 * microtasks and joins them: for a 13 MB file (a 40,000-unit XLIFF) 30–120 ms of CPU during
 * which the event loop turned for no one (BENCHMARKS.md, "Fairness").
 */
export async function uploadBytes(file: UploadSource): Promise<Buffer> {
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
