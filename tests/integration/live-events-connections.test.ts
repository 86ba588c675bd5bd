/**
 * What one open live stream costs and how it ends (lib/events/stream.ts): heartbeats at the
 * configured interval on timers shared by all streams, a client that vanished without a word found
 * by the next heartbeat, an expired session shut out though nobody announced it, and nothing left
 * behind a closed connection (bus listeners, timers, the open-stream count).
 */
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dialect } from "@/lib/db-dialect";
import type { SessionUser } from "@/lib/auth/session";
import { startSession } from "@/lib/auth/sessions";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { openStreamCount } from "@/lib/events/open-streams";
import { bus } from "@/lib/events/publish";
import { HEARTBEAT_MS, heartbeatMs, MAX_QUEUED_BYTES } from "@/lib/events/stream";
import { activeTickers } from "@/lib/events/ticker";
import { readSse } from "../support/live-stream";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { GET } = await import("@/app/api/documents/[documentId]/events/route");
// The function Next.js itself pipes a route handler's body to the socket with (next start).
const { pipeToNodeResponse } = (await import("next/dist/server/pipe-readable.js")) as unknown as {
  pipeToNodeResponse: (body: ReadableStream<Uint8Array>, res: http.ServerResponse) => Promise<void>;
};

let projectId: string;
let documentId: string;
let bo: SessionUser;

const listeners = () => (bus() as unknown as { fanout: { listenerCount(id: string): number } }).fanout.listenerCount(documentId);
/** Polls with real timers (vi.waitFor would advance faked ones). */
async function until(check: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  delete process.env.DUIZHAO_LIVE_HEARTBEAT_MS;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Connections" } })).id;
  const row = await prisma.user.create({ data: { email: "bo@connections.example", name: "Bo", passwordHash: "x" } });
  await prisma.membership.create({ data: { projectId, userId: row.id, role: "reviewer" } });
  bo = { id: row.id, email: row.email, name: "Bo", isAdmin: false };
  const { document } = await importText(prisma, { projectId, text: "第一段。\n\n第二段。", acceptedJoins: "all", origin: "test", actorId: null });
  documentId = document.id;
});

/** Opens the stream through the route handler and collects its raw text (comment lines included). */
async function openRaw(user: SessionUser) {
  currentUser = user;
  const controller = new AbortController();
  const response = await GET(new Request(`http://test/api/documents/${documentId}/events`, { signal: controller.signal }), { params: Promise.resolve({ documentId }) });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const state = { text: "", ended: false };
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        state.text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted
    }
    state.ended = true;
  })();
  const close = async () => {
    controller.abort();
    await reader.cancel().catch(() => {});
    await done;
  };
  cleanups.push(close);
  return { state, close, heartbeats: () => state.text.split(": heartbeat\n\n").length - 1 };
}

/** The route served over a real socket, its body piped as `next start` pipes it (its request's signal aborts when the socket closes, as Next.js's does). */
async function serveRoute(): Promise<http.Server> {
  const failures: unknown[] = [];
  const pipes: Promise<void>[] = [];
  const server = http.createServer(async (req, res) => {
    const controller = new AbortController();
    res.once("close", () => controller.abort());
    const response = await GET(new Request(`http://test${req.url}`, { signal: controller.signal }), { params: Promise.resolve({ documentId }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    // Next.js logs what this rejects with ("failed to pipe response"); an abort it lets pass.
    const pipe = pipeToNodeResponse(response.body!, res).catch((error) => void failures.push(error));
    pipes.push(pipe);
    await pipe;
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await Promise.all(pipes);
    expect(failures).toEqual([]);
  });
  return server;
}

describe("a live stream's connection", () => {
  it("reads its heartbeat interval from DUIZHAO_LIVE_HEARTBEAT_MS (15 s otherwise)", () => {
    expect(heartbeatMs({})).toBe(HEARTBEAT_MS);
    expect(HEARTBEAT_MS).toBe(15_000);
    expect(heartbeatMs({ DUIZHAO_LIVE_HEARTBEAT_MS: "2500" })).toBe(2_500);
    for (const bad of ["", "abc", "0", "-5", "1.5", "20"]) expect(heartbeatMs({ DUIZHAO_LIVE_HEARTBEAT_MS: bad })).toBe(HEARTBEAT_MS);
  });

  it("sends a heartbeat comment at the configured interval, on one timer shared by every open stream, and leaves no timer or listener behind", async () => {
    const [streamsBefore, listenersBefore] = [openStreamCount(), listeners()];
    expect(activeTickers()).toBe(0);
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    process.env.DUIZHAO_LIVE_HEARTBEAT_MS = "4000";
    const streams = [await openRaw(bo), await openRaw(bo), await openRaw(bo)];
    for (const s of streams) await until(() => s.state.text.includes("event: presence"), "presence");
    // Three streams, two timers: the heartbeat and the presence sweep, each shared.
    expect(activeTickers()).toBe(2);
    expect(openStreamCount()).toBe(streamsBefore + 3);
    expect(listeners()).toBe(listenersBefore + 3);

    vi.advanceTimersByTime(3_999);
    expect(streams.map((s) => s.heartbeats())).toEqual([0, 0, 0]);
    vi.advanceTimersByTime(1);
    await until(() => streams.every((s) => s.heartbeats() === 1), "the first heartbeats");
    vi.advanceTimersByTime(4_000);
    await until(() => streams.every((s) => s.heartbeats() === 2), "the second heartbeats");
    // A comment line: ignored by EventSource, no id, no data.
    expect(streams[0]!.state.text).toMatch(/\n\n: heartbeat\n\n/);

    await streams[0]!.close();
    expect(activeTickers()).toBe(2);
    vi.advanceTimersByTime(4_000);
    await until(() => streams.slice(1).every((s) => s.heartbeats() === 3), "the third heartbeats");
    expect(streams[0]!.heartbeats()).toBe(2);
    for (const s of streams.slice(1)) await s.close();
    expect(activeTickers()).toBe(0);
    expect(openStreamCount()).toBe(streamsBefore);
    expect(listeners()).toBe(listenersBefore);
  });

  it("a client that vanished without closing (its machine gone) is found by the next heartbeat: the connection is cleaned up", async () => {
    process.env.DUIZHAO_LIVE_HEARTBEAT_MS = "300";
    const [streamsBefore, listenersBefore] = [openStreamCount(), listeners()];
    const server = await serveRoute();
    // Between the client and the server, the network: once "lost", nothing more reaches the
    // client, and the client's machine answers the server's next segment with a reset (as a host
    // that lost the connection's state does). Until the server writes, it cannot know.
    let lost = false;
    let resetBy: string | null = null;
    const network = net.createServer((client) => {
      const upstream = net.connect((server.address() as AddressInfo).port, "127.0.0.1");
      client.on("data", (d) => upstream.write(d));
      client.on("error", () => {});
      upstream.on("error", () => {});
      upstream.on("data", (d) => {
        if (!lost) return void client.write(d);
        resetBy ??= d.toString();
        upstream.resetAndDestroy();
      });
    });
    await new Promise<void>((r) => network.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise((r) => network.close(r)));

    currentUser = bo;
    let received = "";
    const request = http.get({ host: "127.0.0.1", port: (network.address() as AddressInfo).port, path: `/api/documents/${documentId}/events` });
    request.on("response", (response) => response.on("data", (d: Buffer) => (received += d.toString())));
    request.on("error", () => {});
    cleanups.push(() => request.destroy());
    await until(() => received.includes(": heartbeat"), "a heartbeat through the network");
    expect(received).toContain("event: presence");
    expect(openStreamCount()).toBe(streamsBefore + 1);
    expect(listeners()).toBe(listenersBefore + 1);

    lost = true;
    await until(() => openStreamCount() === streamsBefore, "the server to let the stream go");
    // What the server wrote into the void was a heartbeat (one chunk of the chunked body): nothing else would have found it.
    expect(resetBy).toMatch(/^[0-9a-f]+\r\n: heartbeat\n\n\r\n$/);
    expect(listeners()).toBe(listenersBefore);
    expect(activeTickers()).toBe(0);
  });

  // Made-up events on the in-process bus (on PostgreSQL they would travel by reference to rows
  // that do not exist, as in live-events.test.ts).
  it.skipIf(dialect === "postgresql")("a client that stops reading is dropped: its queue let go at once, nothing left behind, nothing logged as a failure", async () => {
    const server = await serveRoute();
    const [streamsBefore, listenersBefore] = [openStreamCount(), listeners()];
    currentUser = bo;
    // A raw socket that sends its request and never reads a byte of the answer.
    const socket = net.connect((server.address() as AddressInfo).port, "127.0.0.1");
    socket.on("error", () => {});
    const gone = new Promise<void>((r) => socket.once("close", () => r()));
    socket.write(`GET /api/documents/${documentId}/events HTTP/1.1\r\nHost: test\r\n\r\n`);
    await until(() => openStreamCount() === streamsBefore + 1, "the stream to open");
    await new Promise((r) => setTimeout(r, 200)); // its start-up (replay, presence) done
    const seq = (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).eventSeq;
    const big = "x".repeat(100_000);
    // Enough for the socket's buffers on both ends (loopback: megabytes) and then the stream's queue.
    for (let i = 1; openStreamCount() > streamsBefore; i++) {
      if (i > 1_000) throw new Error("the stream was never dropped");
      await bus().publish({ kind: "event", event: { type: "comment.changed", action: "added", segmentId: "s", commentId: big, comments: i, openIssues: 0, documentId, seq: seq + i, actor: null, at: new Date().toISOString() } });
      await new Promise((r) => setImmediate(r));
    }
    expect(MAX_QUEUED_BYTES).toBe(512 * 1024);
    expect(listeners()).toBe(listenersBefore);
    expect(activeTickers()).toBe(0);
    // The socket is Next.js's: its write waits for the client to read (behind nginx, send_timeout
    // cuts such a client after 60 s). When the client goes, the pipe ends as an abort, not an error.
    socket.destroy();
    await gone;
  });

  it("closes the stream of a session that expired (nobody announces that) at a heartbeat", async () => {
    process.env.DUIZHAO_LIVE_HEARTBEAT_MS = "200";
    const sessionId = await startSession(bo.id);
    currentUser = { ...bo, sessionId };
    const controller = new AbortController();
    const response = await GET(new Request(`http://test/api/documents/${documentId}/events`, { signal: controller.signal }), { params: Promise.resolve({ documentId }) });
    const stream = readSse(response.body!);
    cleanups.push(() => (controller.abort(), stream.cancel()));
    await stream.next("presence");
    const streamsBefore = openStreamCount();
    // The session runs out: a row's time, no sign-out, no message on the bus.
    await prisma.userSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await stream.closed;
    expect(stream.isEnded()).toBe(true);
    expect(openStreamCount()).toBe(streamsBefore - 1);
  });
});
