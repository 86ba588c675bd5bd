/**
 * Child-process entry (bundled by scripts/build-cli.mjs into dist/cli/build-…/file-worker.cjs):
 * receives one file task (file-tasks.ts) over IPC, posts the outcome and exits. A process of its own, not a
 * worker thread: V8 aborts the whole process when a heap runs out, and a worker thread's
 * resourceLimits do not always catch it first — a hostile file must kill only its own reader.
 */
import type { ExchangeSegment } from "./exchange-model";
import { PART_ITEMS, PARTS_AHEAD, runFileTask, serialiseError, splitLongLists, type FileTask, type SentTask, type WorkerMessage } from "./file-tasks";

const send = (message: WorkerMessage) => new Promise<void>((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));

/**
 * Messages the server may be sent ahead of its reading: it asks ("next") for one more each time it
 * has read one. Two in flight keep the pipe busy while at most two parts wait to be read at once.
 */
let credits = PARTS_AHEAD;
let waiting: (() => void) | null = null;
const credit = async () => {
  if (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
  credits--;
};

/** The result, its long lists in parts, sent as the server reads them (file-tasks.ts, PART_ITEMS). */
async function answer(result: unknown): Promise<void> {
  const { head, lists } = splitLongLists(result);
  process.on("message", () => {
    credits++;
    const resume = waiting;
    waiting = null;
    resume?.();
  });
  await credit();
  await send({ ok: true, result: head, streamed: lists.map(([field]) => field) });
  for (const [field, items] of lists) {
    for (let start = 0; start < items.length; start += PART_ITEMS) {
      await credit();
      await send({ part: field, items: items.slice(start, start + PART_ITEMS) });
    }
  }
  if (lists.length) {
    await credit();
    await send({ done: true });
  }
}

/**
 * An export's segments, which follow its message in parts (file-tasks.ts, SentTask): each taken
 * is answered, so the server sends the next. Listens from the moment it is called — before any
 * part can arrive, as it is called in the same turn as the task's message.
 */
function segmentsInParts(count: number): Promise<ExchangeSegment[]> {
  const segments: ExchangeSegment[] = [];
  return new Promise((resolve) => {
    const take = (message: { part?: string; items?: ExchangeSegment[] }) => {
      if (message.part !== "segments" || !message.items) return;
      for (const segment of message.items) segments.push(segment);
      if (segments.length >= count) {
        process.off("message", take);
        resolve(segments);
      } else send({ took: "segments" }).catch(() => {});
    };
    process.on("message", take);
  });
}

/** The task with its bytes, which follow the message on stdin, or its segments, which follow it in parts (file-tasks.ts, SentTask). */
async function received(task: SentTask): Promise<FileTask> {
  if (task.op === "renderExport" && task.segmentsFollow) return { ...task, doc: { ...task.doc, segments: await segmentsInParts(task.segmentsFollow) } };
  if (!task.dataOnStdin) return task;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return { ...task, data: Buffer.concat(chunks) } as FileTask;
}

process.once("message", (task: SentTask) => {
  received(task)
    .then(runFileTask)
    .then(answer, (error: unknown) => send({ ok: false, error: serialiseError(error) }))
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
