/**
 * Reads a Server-Sent Events body the way EventSource does (fields per blank-line-separated
 * block), for tests of the live event stream (lib/events). `next` waits for the next message,
 * optionally of one type; `closed` resolves when the server ends the stream.
 */
export interface SseMessage {
  id: string | null;
  event: string;
  data: unknown;
}

/**
 * The stream's messages as they arrive, as raw fields (`data` unparsed): comment lines (heartbeats)
 * and blocks without data are skipped. Shared by the tests and `npm run bench:live`.
 */
export async function* sseBlocks(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<{ id: string | null; event: string; data: string }> {
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const fields = new Map<string, string>();
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        fields.set(line.slice(0, colon), line.slice(colon + 1).replace(/^ /, ""));
      }
      const data = fields.get("data");
      if (data !== undefined) yield { id: fields.get("id") ?? null, event: fields.get("event") ?? "message", data };
    }
  }
}

export function readSse(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const messages: SseMessage[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  const done = (async () => {
    try {
      for await (const block of sseBlocks(reader)) {
        messages.push({ ...block, data: JSON.parse(block.data) });
        waiters.splice(0).forEach((w) => w());
      }
    } catch {
      // cancelled by the test
    }
    ended = true;
    waiters.splice(0).forEach((w) => w());
  })();
  let read = 0;
  async function next(type?: string, timeoutMs = 5_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (read < messages.length) {
        const message = messages[read++]!;
        if (!type || message.event === type) return message;
      }
      if (ended) throw new Error(`stream ended while waiting for ${type ?? "a message"}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type ?? "message"} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return {
    messages,
    next,
    /** Messages not yet taken by `next`. */
    pending: () => messages.slice(read),
    closed: done,
    isEnded: () => ended,
    cancel: () => reader.cancel().catch(() => {}),
  };
}
