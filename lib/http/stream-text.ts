import { yieldToEventLoop } from "@/lib/jobs/time-slice";

/**
 * A response body made from a generator of text pieces, `piecesPerPull` at a time with a turn of
 * the event loop before each pull: memory stays flat, the client sees progress, and other
 * requests are answered during a large export (issue 13).
 */
export function streamText(pieces: Iterator<string>, piecesPerPull = 200): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await yieldToEventLoop();
      let text = "";
      for (let i = 0; i < piecesPerPull; i++) {
        const next = pieces.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += next.value;
      }
      controller.enqueue(encoder.encode(text));
    },
  });
}
