/**
 * scripts/durable-answers.mjs: a state-changing request's answer leaves the server only once the
 * database log is synced (lib/sqlite-wal.ts), head and body in their order, over a real socket.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { changesState, holdUntilDurable } from "../../scripts/durable-answers.mjs";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("holdUntilDurable", () => {
  it("sends nothing until the sync resolves, then the head and every chunk in order", async () => {
    const sync = deferred();
    let syncs = 0;
    const base = await serve((_req, res) => {
      holdUntilDurable(res, () => (syncs++, sync.promise));
      res.writeHead(201, { "content-type": "text/plain", "x-kept": "yes" });
      res.write("one ");
      res.write("two ");
      res.end("three");
    });
    let answered = false;
    const answer = fetch(base, { method: "POST", body: "x" }).then(async (response) => {
      answered = true;
      return { status: response.status, kept: response.headers.get("x-kept"), body: await response.text() };
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    expect(syncs).toBe(1);
    sync.resolve();
    expect(await answer).toEqual({ status: 201, kept: "yes", body: "one two three" });
  });

  it("an answer written without writeHead (implicit head) is held too", async () => {
    const sync = deferred();
    const base = await serve((_req, res) => {
      holdUntilDurable(res, () => sync.promise);
      res.statusCode = 303;
      res.setHeader("location", "/done");
      res.end();
    });
    let answered = false;
    const answer = fetch(base, { method: "POST", redirect: "manual" }).then((response) => ((answered = true), response));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    sync.resolve();
    const response = await answer;
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/done");
  });

  it("a failed sync is logged and the answer still goes out (the commit itself succeeded)", async () => {
    const warnings: string[] = [];
    const base = await serve((_req, res) => {
      holdUntilDurable(res, () => Promise.reject(new Error("EIO")), { warn: (message: string) => warnings.push(message) });
      res.end("ok");
    });
    const response = await fetch(base, { method: "POST" });
    expect(await response.text()).toBe("ok");
    expect(warnings[0]).toContain("EIO");
  });

  it("reads do not wait", () => {
    expect(changesState("GET")).toBe(false);
    expect(changesState("HEAD")).toBe(false);
    expect(changesState("OPTIONS")).toBe(false);
    expect(changesState("POST")).toBe(true);
    expect(changesState("DELETE")).toBe(true);
    expect(changesState("PATCH")).toBe(true);
  });
});

describe("holdUntilDurable under another layer that wraps the response (as Next's compression does)", () => {
  it("a head asked for twice while held (an implicit head from the layer's write) is sent once", async () => {
    const sync = deferred();
    const base = await serve((_req, res) => {
      holdUntilDurable(res, () => sync.promise);
      // A layer that, like the compression middleware, sends the head itself when it is not sent yet.
      const write = res.write;
      res.write = function (this: typeof res, ...args: Parameters<typeof res.write>) {
        if (!this.headersSent) this.writeHead(this.statusCode);
        return write.apply(this, args);
      } as typeof res.write;
      res.writeHead(200, { "x-layer": "1" });
      res.write("body");
      res.end();
    });
    const answer = fetch(base, { method: "POST" });
    setTimeout(() => sync.resolve(), 20);
    const response = await answer;
    expect(response.status).toBe(200);
    expect(response.headers.get("x-layer")).toBe("1");
    expect(await response.text()).toBe("body");
  });
});
