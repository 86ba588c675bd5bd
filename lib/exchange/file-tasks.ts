import { analyseText, type ImportAnalysis } from "@/lib/documents/analyse-import";
import type { SourceFormat } from "@/lib/documents/split-blocks";
import { ImportError, type ImportErrorKind } from "@/lib/documents/import-error";
import { CodedError, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import type { ExchangeDocument } from "./exchange-model";
import type { ExportFormatId } from "./format-ids";
import { readUpload, type ReadUpload } from "./read-upload";
import { previewOfUpload, type UploadPreview } from "./upload-preview";
import { readMemoryTmx, type MemoryTmx } from "@/lib/memory/memory-tmx";

/**
 * The CPU-heavy steps of imports and exports — reading an uploaded file (XML, CSV, ZIP-based
 * formats), analysing source text (segmentation, kinds, page-break joins) and building a Word or
 * Excel file — as plain-data tasks, so the web server can run them in a child process
 * (file-worker-runner.ts) and the command line in-process.
 */
export type FileTask =
  | { op: "readUpload"; fileName: string; data: Uint8Array; unknownAsText?: boolean }
  | { op: "previewUpload"; fileName: string; data: Uint8Array }
  | { op: "readMemoryTmx"; data: Uint8Array }
  | { op: "analyseText"; text: string; format: SourceFormat }
  | { op: "renderExport"; format: ExportFormatId; doc: ExchangeDocument };

export async function runFileTask(task: FileTask): Promise<ReadUpload | UploadPreview | MemoryTmx | ImportAnalysis | Uint8Array> {
  switch (task.op) {
    case "readUpload":
      return readUpload(task.fileName, Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength), { unknownAsText: task.unknownAsText });
    case "previewUpload":
      return previewOfUpload(await readUpload(task.fileName, Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength)));
    case "readMemoryTmx":
      return readMemoryTmx(task.data);
    case "analyseText":
      return analyseText(task.text, task.format);
    case "renderExport": {
      // Word's and Excel's writers load only for this task (the command line's other paths never pay for them).
      const { renderExport } = await import("./formats");
      return renderExport(task.format, task.doc);
    }
  }
}

/**
 * A task as sent to the worker process: an upload's bytes (`data`) do not travel in the message
 * but on the worker's stdin, written by the pipe a chunk at a time as the worker reads them. In
 * the message, a 13 MB upload was structured-cloned in one go on the request thread (50–160 ms
 * of CPU, BENCHMARKS.md "Fairness"); the message carries an empty `data` and `dataOnStdin`.
 */
export type SentTask = FileTask & {
  dataOnStdin?: boolean;
  /**
   * An export's segments do not travel in the message either (one structured clone of 50,000
   * segments was one long stretch on the request thread): the message carries the document
   * without them and this count; they follow in parts of PART_ITEMS (`{ part: "segments" }`),
   * each taken (`{ took: "segments" }`) before more are sent (file-worker-runner.ts).
   */
  segmentsFollow?: number;
};

/** A refusal as it crosses the thread boundary (structured clone keeps no classes). */
export interface SerialisedError {
  name: string;
  message: string;
  code?: ErrorCode;
  status?: number;
  kind?: ImportErrorKind;
  params?: ErrorParams;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof ImportError) return { name: "ImportError", message: error.message, code: error.code, kind: error.kind, params: error.params };
  if (error instanceof CodedError) return { name: "CodedError", message: error.message, code: error.code, status: error.status, params: error.params };
  return { name: "Error", message: error instanceof Error ? error.message : String(error) };
}

/** The same refusal again, in the thread that asked: import pages show coded refusals as before. */
export function reviveError(error: SerialisedError): Error {
  if (error.name === "ImportError" && error.code && error.kind) return new ImportError(error.code, error.kind, error.params);
  if (error.name === "CodedError" && error.code) return new CodedError(error.code, error.status, error.params);
  return new Error(error.message);
}

/**
 * A result's large lists cross from the worker in parts (file-worker.ts, file-worker-runner.ts),
 * and an export's segments to it:
 * one message of 40,000 XLIFF units is one structured-clone read on the server's event loop
 * (8 MB: 90–220 ms of CPU, ~1 s on a loaded machine, plus the garbage it leaves at once). The
 * first message carries the result without them, then parts of `PART_ITEMS` items, at most two
 * ahead of the server's reading, so each is read in a turn of its own.
 */
export const PART_ITEMS = 2_000;

export type WorkerMessage =
  | { ok: true; result: unknown; streamed?: string[] }
  | { ok: false; error: SerialisedError }
  | { part: string; items: unknown[] }
  | { done: true }
  /** A part the server sent (SentTask.segmentsFollow) was read: the server may send one more. */
  | { took: string };

/** Parts either side sends ahead of the other's reading: two keep the pipe busy, and at most two wait to be read at once. */
export const PARTS_AHEAD = 2;

/** The result without its long top-level lists, and those lists by field. */
export function splitLongLists(result: unknown): { head: unknown; lists: [string, unknown[]][] } {
  if (result === null || typeof result !== "object" || Array.isArray(result) || ArrayBuffer.isView(result)) return { head: result, lists: [] };
  const head: Record<string, unknown> = { ...(result as Record<string, unknown>) };
  const lists: [string, unknown[]][] = [];
  for (const [field, value] of Object.entries(head)) {
    if (Array.isArray(value) && value.length > PART_ITEMS) {
      lists.push([field, value]);
      head[field] = [];
    }
  }
  return { head, lists };
}
