/**
 * Child-process entry (bundled by scripts/build-cli.mjs into dist/cli/build-…/file-worker.cjs):
 * receives one file task (file-tasks.ts) over IPC, posts the outcome and exits. A process of its own, not a
 * worker thread: V8 aborts the whole process when a heap runs out, and a worker thread's
 * resourceLimits do not always catch it first — a hostile file must kill only its own reader.
 */
import { runFileTask, serialiseError, type FileTask } from "./file-tasks";

process.once("message", (task: FileTask) => {
  runFileTask(task).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send!({ ok: false, error: serialiseError(error) }, () => process.exit(0)),
  );
});
