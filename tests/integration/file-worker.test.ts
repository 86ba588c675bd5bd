/**
 * Issue 13 §1, beyond the review's list: reading an uploaded file and analysing pasted text are
 * seconds of CPU on large inputs. The web server runs them in a child process built by
 * scripts/build-cli.mjs, so its event loop — every other person's request — keeps turning.
 */
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/documents/import-error";
import { renderExport } from "@/lib/exchange/formats";
import type { ExchangeDocument } from "@/lib/exchange/exchange-model";
import { readUpload } from "@/lib/exchange/read-upload";
import { previewOfUpload } from "@/lib/exchange/upload-preview";
import { unpackZipSafely } from "@/lib/exchange/zip";
import { PART_ITEMS, splitLongLists } from "@/lib/exchange/file-tasks";
import { analyseTextInWorker, fileWorkerAvailable, previewUploadInWorker, readMemoryTmxInWorker, readUploadInWorker, renderExportInWorker } from "@/lib/exchange/file-worker-runner";
import { readMemoryTmx } from "@/lib/memory/memory-tmx";
import { measureStalls } from "../support/event-loop";
import { useOwnBuild } from "../support/own-build";

// Every input goes to the reader here, however small (the server reads under 128 KB in-process).
useOwnBuild("worker-test", { DUIZHAO_FILE_WORKER_BELOW_KB: "0" });

const xliff = (units: number) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN" target-language="en" datatype="plaintext" original="a"><body>` +
      Array.from({ length: units }, (_, i) => `<trans-unit id="u${i}"><source>昆山高新区第${i}号企业产值增长百分之${i % 90}。</source><target state="translated">Output of company ${i} grew ${i % 90} percent.</target></trans-unit>`).join("\n") +
      `</body></file></xliff>`,
  );

describe("uploads read in a worker process", () => {
  it("is what the server uses once the worker is built", () => {
    expect(fileWorkerAvailable()).toBe(true);
  });

  it("reads small text files in-process unless told otherwise, ZIP-based files never", async () => {
    process.env.DUIZHAO_FILE_WORKER_BELOW_KB = "128";
    try {
      // A refusal made in-process keeps its stack in this process's files; one from the reader does not.
      const small = (await readUploadInWorker("small.xlf", Buffer.from("<xliff version='1.2'><file><body><trans-unit>")).catch((e: unknown) => e)) as Error;
      expect(small.stack).toMatch(/xliff\.ts/);
      const docx = (await readUploadInWorker("small.docx", Buffer.from("not a zip")).catch((e: unknown) => e)) as Error;
      expect(docx).toBeInstanceOf(ImportError);
      expect(docx.stack).not.toMatch(/zip\.ts/);
    } finally {
      process.env.DUIZHAO_FILE_WORKER_BELOW_KB = "0";
    }
  });

  it("reads a file exactly as in-process reading does", async () => {
    const data = xliff(50);
    expect(await readUploadInWorker("small.xlf", data)).toEqual(await readUpload("small.xlf", data));
  });

  it("sends a long list back in parts and puts them together in order", async () => {
    // 4,500 units: the result without them, then parts of 2,000, 2,000 and 500 (file-tasks.ts).
    const data = xliff(4_500);
    expect(await readUploadInWorker("parts.xlf", data)).toEqual(await readUpload("parts.xlf", data));
    expect(splitLongLists({ kind: "x", short: [1, 2], units: Array.from({ length: PART_ITEMS + 1 }, (_, i) => i) })).toMatchObject({ head: { kind: "x", short: [1, 2], units: [] }, lists: [["units", expect.any(Array)]] });
  });

  it("keeps the event loop turning while a large XLIFF is read (in-process reading holds it throughout)", async () => {
    const data = xliff(30_000);
    const inProcess = await measureStalls(() => readUpload("large.xlf", data));
    const offThread = await measureStalls(() => readUploadInWorker("large.xlf", data));
    console.log(`30,000-unit XLIFF: in-process ${inProcess.totalMs.toFixed(0)} ms, longest event-loop stall ${inProcess.longestMs.toFixed(0)} ms; on the worker ${offThread.totalMs.toFixed(0)} ms, longest stall ${offThread.longestMs.toFixed(0)} ms`);
    expect(offThread.result.kind === "bilingual" && offThread.result.units.length).toBe(30_000);
    // In-process, the loop is held for (nearly) the whole read; on the worker, for a small part of it.
    expect(inProcess.longestMs).toBeGreaterThan(inProcess.totalMs * 0.5);
    expect(offThread.longestMs).toBeLessThan(offThread.totalMs * 0.25);
  });

  it("makes the import preview in the worker: counts and a sample come back, not every unit", async () => {
    const data = xliff(20_000);
    const preview = await previewUploadInWorker("preview.xlf", data);
    expect(preview).toEqual(previewOfUpload(await readUpload("preview.xlf", data)));
    expect(preview).toMatchObject({ kind: "bilingual", unitCount: 20_000, translated: 20_000, statusCounts: { translated: 20_000 } });
    expect(preview.kind === "bilingual" && preview.sample).toHaveLength(6);
  });

  it("takes an uploaded File as a stream and hands a TMX's pairs over a part at a time, never all at once", async () => {
    const tus = Array.from({ length: 5_000 }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>第${i % 4_500}号企业。</seg></tuv><tuv xml:lang="en"><seg>Company ${i % 4_500}.</seg></tuv></tu>`);
    const bytes = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN"/><body>${tus.join("\n")}</body></tmx>`);
    const upload = new File([bytes], "memory.tmx");
    const parts: number[] = [];
    const pairs: [string, string][] = [];
    const head = await readMemoryTmxInWorker(upload, async (head, stream) => {
      for await (const part of stream) {
        parts.push(part.length);
        pairs.push(...part);
      }
      return head;
    });
    const whole = await readMemoryTmx(bytes);
    expect(head).toMatchObject({ sourceLang: "zh-CN", targetLang: "en", units: 5_000, pairCount: 4_500 });
    expect(pairs).toEqual(whole.pairs);
    expect(parts).toEqual([PART_ITEMS, PART_ITEMS, 500]);
  });

  it("analyses pasted text on the worker", async () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `昆山高新区第${i}段，产值增长。`).join("\n\n");
    const analysis = await analyseTextInWorker(text, "text");
    expect(analysis.blocks).toHaveLength(2_000);
  });

  it("builds Word and Excel exports in the worker, the same files as in-process, without holding the loop", async () => {
    const doc: ExchangeDocument = {
      documentId: "d1",
      title: "昆山高新区",
      projectName: "Kunshan",
      sourceLang: "zh-CN",
      targetLang: "en",
      exportedAt: "2026-12-01T10:00:00.000Z",
      versionLabel: "v1",
      locale: "en",
      progress: { total: 3_000, approved: 0, translated: 3_000 },
      segments: Array.from({ length: 3_000 }, (_, i) => ({ id: `s${i}`, kind: "paragraph", source: `昆山高新区第${i}号企业产值增长百分之${i % 90}。`, target: `Output of company ${i} grew ${i % 90} percent.`, status: "translated", version: 1, comments: [] })),
    };
    for (const format of ["docx-review", "xlsx"] as const) {
      const { result: built, longestMs, totalMs } = await measureStalls(() => renderExportInWorker(format, doc));
      const local = await renderExport(format, doc);
      // The same parts with the same contents (ZIP timestamps aside).
      const wanted = () => true;
      const [a, b] = [await unpackZipSafely(built, wanted), await unpackZipSafely(local, wanted)];
      expect([...a.parts.keys()].sort()).toEqual([...b.parts.keys()].sort());
      const text = (zip: typeof a, name: string) => zip.parts.get(name)!.toString("utf8");
      const main = format === "xlsx" ? "xl/sharedStrings.xml" : "word/document.xml";
      expect(text(a, main)).toEqual(text(b, main));
      expect(longestMs).toBeLessThan(totalMs * 0.5);
    }
  });

  it("brings a coded refusal back as the same ImportError", async () => {
    const refusal = await readUploadInWorker("broken.xlf", Buffer.from("<xliff version='1.2'><file><body><trans-unit>")).catch((e: unknown) => e);
    const inProcess = await readUpload("broken.xlf", Buffer.from("<xliff version='1.2'><file><body><trans-unit>")).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ImportError);
    expect((refusal as ImportError).code).toBe((inProcess as ImportError).code);
    const empty = await analyseTextInWorker("   \n\n  ", "text").catch((e: unknown) => e);
    expect((empty as ImportError).code).toBe("nothing-to-import");
  });

  it("refuses by name a file whose reading outgrows its heap, and the server lives on", async () => {
    process.env.DUIZHAO_FILE_WORKER_HEAP_MB = "40";
    try {
      const refusal = await readUploadInWorker("huge.xlf", xliff(120_000)).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ImportError);
      expect((refusal as ImportError).code).toBe("file-too-complex");
      expect((refusal as ImportError).status).toBe(413);
    } finally {
      delete process.env.DUIZHAO_FILE_WORKER_HEAP_MB;
    }
    expect((await readUploadInWorker("after.xlf", xliff(3))).kind).toBe("bilingual");
  }, 60_000);

  it("stops a read that runs over its time limit", async () => {
    process.env.DUIZHAO_FILE_WORKER_TIMEOUT_S = "0.05";
    try {
      const refusal = await readUploadInWorker("slow.xlf", xliff(30_000)).catch((e: unknown) => e);
      expect((refusal as ImportError).code).toBe("file-read-timeout");
    } finally {
      delete process.env.DUIZHAO_FILE_WORKER_TIMEOUT_S;
    }
  });
});
