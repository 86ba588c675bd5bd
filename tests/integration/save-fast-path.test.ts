/**
 * Issue 18: the production server answers the editor's save before Next.js
 * (lib/http/save-fast-path.ts, served by scripts/start-server.mjs). Checked here on a real database
 * with real session tokens and real HTTP:
 *
 * - its answers are the route's (app/api/segments/[segmentId]/save/route.ts, as `npm run dev`
 *   serves it): the same status and body for a save, a stale version, signed out or a revoked
 *   session, a role that may not edit, a non-member, bodies over the limit (declared and streamed),
 *   a body that is not JSON or fails the schema, the wrong content type and a foreign Origin;
 * - the fast path runs as the production server runs it: the precompiled bundle
 *   (scripts/build-cli.mjs), a second copy of lib/ in the process. What the save shares with the
 *   rest of the server — a live subscriber, the outbox worker's wake-up, the fence, the sessions —
 *   must reach across the two copies, as it does between Next's bundles and the fast path.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BusMessage } from "@/lib/events/bus";

// The route reads the session as it does inside Next: next/headers, here the request's own headers.
const scope = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => {
  const { RequestCookies } = await import("next/dist/compiled/@edge-runtime/cookies");
  return { headers: async () => scope.headers, cookies: async () => new RequestCookies(scope.headers) };
});

// A small upload limit, so bodies over it are quick to send: 1 MB + 3 × 0.05 MB.
process.env.DUIZHAO_MAX_UPLOAD_MB = "0.05";
const root = path.join(__dirname, "../..");

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { maxRequestBytes } = await import("@/lib/config/limits");
const { encodeSessionToken } = await import("@/lib/auth/jwt");
const { authSecret } = await import("@/lib/auth/secret");
const { startSession, endSession } = await import("@/lib/auth/sessions");
const { subscribeDocument } = await import("@/lib/events/publish");
const { onEnqueue } = await import("@/lib/outbox/outbox");
const { fenceSegments } = await import("@/lib/jobs/fence");
const { BEING_REIMPORTED } = await import("@/lib/exchange/apply-guards");
const saveRoute = await import("@/app/api/segments/[segmentId]/save/route");
const { builtFile } = await import("@/lib/config/compiled-build");

type FastPath = typeof import("@/lib/http/save-fast-path");

let buildDir: string | null = null;
let server: http.Server;
let port: number;
let projectId: string;
let documentId: string;
const segmentIds: string[] = [];
/** Session cookies by person. */
const cookie: Record<string, string> = {};
const sessionIds: Record<string, string> = {};

/** The precompiled fast path: the current build's, else one built for this test. */
async function fastPathBundle(): Promise<FastPath> {
  let file = builtFile(root, "saveFastPath");
  if (!file) {
    buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-fast-path-"));
    const previous = process.env.DUIZHAO_CLI_DIR;
    process.env.DUIZHAO_CLI_DIR = buildDir;
    try {
      const { buildCli } = await import("../../scripts/build-cli.mjs");
      await buildCli();
      file = builtFile(root, "saveFastPath", { checkFresh: false });
    } finally {
      if (previous === undefined) delete process.env.DUIZHAO_CLI_DIR;
      else process.env.DUIZHAO_CLI_DIR = previous;
    }
  }
  if (!file) throw new Error("no save fast path was built");
  return createRequire(import.meta.url)(file) as FastPath;
}

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Fast path" } });
  projectId = project.id;
  for (const [name, role] of [["tess", "translator"], ["vic", "viewer"], ["olga", null]] as const) {
    const user = await prisma.user.create({ data: { email: `${name}@fast-path.example`, name: name.toUpperCase(), passwordHash: "x" } });
    if (role) await prisma.membership.create({ data: { projectId, userId: user.id, role } });
    sessionIds[name] = await startSession(user.id);
    cookie[name] = `next-auth.session-token=${await encodeSessionToken({ token: { uid: user.id, sid: sessionIds[name] }, secret: authSecret() })}`;
  }
  const text = ["标题", ...Array.from({ length: 12 }, () => "同一段。")].join("\n\n");
  const { document } = await importText(prisma, { projectId, text, acceptedJoins: "all", origin: "test", actorId: null });
  documentId = document.id;
  segmentIds.push(...(await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id));

  // Served as scripts/start-server.mjs serves it (Next's handler replaced by a 404).
  const fastPath = await fastPathBundle();
  server = http.createServer((req, res) => {
    const segmentId = fastPath.fastSaveSegmentId(req);
    if (segmentId === null) return void res.writeHead(404).end();
    void fastPath.answerSaveRequest(req, res, segmentId, { hostname: "localhost", port });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
});

interface Sent {
  segmentId: string;
  body?: string | object;
  headers?: Record<string, string>;
  /** Sent without a length, in chunks (a body that streams past the limit). */
  chunked?: boolean;
}

/** The headers a page of ours sends with a save. */
const sameOrigin = (who: keyof typeof cookie | null, extra: Record<string, string> = {}) => ({
  "content-type": "application/json",
  origin: "http://localhost:3000",
  ...(who ? { cookie: cookie[who]! } : {}),
  ...extra,
});

const bodyText = (sent: Sent) => (typeof sent.body === "string" ? sent.body : sent.body === undefined ? "" : JSON.stringify(sent.body));

/** Through the fast path, over a socket. */
function viaFastPath(sent: Sent): Promise<{ status: number; body: unknown; type: string | undefined }> {
  const text = bodyText(sent);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: "localhost:3000", ...sent.headers };
    if (!sent.chunked && !("content-length" in headers)) headers["content-length"] = String(Buffer.byteLength(text));
    // A connection of its own (no keep-alive): after a 413 the server still expects the declared body.
    const request = http.request({ host: "127.0.0.1", port, method: "POST", path: `/api/segments/${sent.segmentId}/save`, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode!, body: raw ? JSON.parse(raw) : null, type: response.headers["content-type"] });
        request.destroy();
      });
    });
    request.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(error)));
    if (sent.chunked) {
      const chunk = Buffer.alloc(64 * 1024, "a");
      for (let sentBytes = 0; sentBytes <= maxRequestBytes(); sentBytes += chunk.length) request.write(chunk);
      request.end();
    } else request.end(text);
  });
}

/** Through the route, as Next hands it the request (with the x-forwarded-* headers Next fills in). */
async function viaRoute(sent: Sent): Promise<{ status: number; body: unknown; type: string | undefined }> {
  const text = bodyText(sent);
  const headers = new Headers({ host: "localhost:3000", "x-forwarded-host": "localhost:3000", "x-forwarded-proto": "http", ...sent.headers });
  let body: BodyInit = text;
  if (sent.chunked) {
    const chunk = new Uint8Array(64 * 1024).fill(97);
    let sentBytes = 0;
    body = new ReadableStream({
      pull(controller) {
        if (sentBytes > maxRequestBytes()) return controller.close();
        sentBytes += chunk.length;
        controller.enqueue(chunk);
      },
    });
  } else if (!headers.has("content-length")) headers.set("content-length", String(Buffer.byteLength(text)));
  scope.headers = headers;
  const request = new Request(`http://localhost:3000/api/segments/${sent.segmentId}/save`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  const response = await saveRoute.POST(request, { params: Promise.resolve({ segmentId: sent.segmentId }) });
  const raw = await response.text();
  return { status: response.status, body: raw ? JSON.parse(raw) : null, type: response.headers.get("content-type") ?? undefined };
}

/** Both answers, which must be the same; returns the fast path's. */
async function bothAnswer(sent: Sent) {
  const route = await viaRoute(sent);
  const fast = await viaFastPath(sent);
  expect(fast).toEqual(route);
  return fast;
}

const versionOf = async (id: string) => (await prisma.segment.findUniqueOrThrow({ where: { id } })).version;

describe("the save's fast path answers as the route", () => {
  it("a save: the same answer for the same save of two identical segments", async () => {
    const [a, b] = [segmentIds[1]!, segmentIds[2]!];
    const body = { target: "  The same paragraph.\r\n", baseVersion: await versionOf(a), confirm: false };
    expect(await versionOf(b)).toBe(body.baseVersion);
    const route = await viaRoute({ segmentId: a, body, headers: sameOrigin("tess") });
    const fast = await viaFastPath({ segmentId: b, body, headers: sameOrigin("tess") });
    expect(route).toMatchObject({ status: 200, type: "application/json", body: { segment: { id: a, target: "The same paragraph.", status: "draft", version: 2 }, changed: true } });
    expect(JSON.stringify(fast).replaceAll(b, "ID")).toBe(JSON.stringify(route).replaceAll(a, "ID"));
    // Both saves were made, with their revisions.
    for (const id of [a, b]) expect(await prisma.revision.count({ where: { segmentId: id, version: 2, target: "The same paragraph." } })).toBe(1);
  });

  it("a stale version: the same 409 with the newer text, and nothing written", async () => {
    const id = segmentIds[1]!;
    const before = await prisma.revision.count({ where: { segmentId: id } });
    const answer = await bothAnswer({ segmentId: id, body: { target: "Too late.", baseVersion: 1 }, headers: sameOrigin("tess") });
    expect(answer).toMatchObject({ status: 409, body: { conflict: { id, version: 2, target: "The same paragraph.", authorName: "TESS" } } });
    expect(await prisma.revision.count({ where: { segmentId: id } })).toBe(before);
  });

  it("signed out, a token that does not decrypt, a session ended by sign-out: the same 401, in the request's language", async () => {
    const id = segmentIds[3]!;
    const body = { target: "Signed out.", baseVersion: 1 };
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin(null) })).toMatchObject({ status: 401, body: { code: "sign-in-required" } });
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin(null, { cookie: "next-auth.session-token=not-a-token" }) })).toMatchObject({ status: 401 });
    const chinese = await bothAnswer({ segmentId: id, body, headers: sameOrigin(null, { "accept-language": "zh-CN,zh;q=0.9" }) });
    expect(chinese.status).toBe(401);
    expect(chinese.body).not.toEqual((await viaFastPath({ segmentId: id, body, headers: sameOrigin(null) })).body);

    // Signed in, then signed out elsewhere: the token still decrypts (it is cached), the session is over.
    expect((await viaFastPath({ segmentId: id, body: { target: "", baseVersion: 0 }, headers: sameOrigin("olga") })).status).toBe(400);
    await endSession(sessionIds.olga!);
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin("olga") })).toMatchObject({ status: 401, body: { code: "sign-in-required" } });
    expect(await versionOf(id)).toBe(1);
  });

  // On PostgreSQL the fast path leaves the session check to the save's own statement (lib/auth/pending-session.ts).
  it("a session expired, ended or another person's: the same 401 whatever the body; a person's own language and admin flag from their row", async () => {
    const [a, b] = [segmentIds[10]!, segmentIds[11]!];
    const pat = await prisma.user.create({ data: { email: "pat@fast-path.example", name: "PAT", passwordHash: "x", locale: "zh-CN" } });
    await prisma.membership.create({ data: { projectId, userId: pat.id, role: "viewer" } });
    const patCookie = async (sid: string, uid = pat.id) => `next-auth.session-token=${await encodeSessionToken({ token: { uid, sid }, secret: authSecret() })}`;
    const sid = await startSession(pat.id);
    const as = async (session = sid) => sameOrigin(null, { cookie: await patCookie(session) });
    // A viewer whose interface is in Chinese: the 403 in Chinese, from the fast path as from the route.
    const refused = await bothAnswer({ segmentId: a, body: { target: "Pat's.", baseVersion: 1 }, headers: await as() });
    expect(refused).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(refused.body).not.toEqual((await viaFastPath({ segmentId: a, body: { target: "Vic's.", baseVersion: 1 }, headers: sameOrigin("vic") })).body);
    // Made a site admin: saves as an owner (the flag read with the session).
    await prisma.user.update({ where: { id: pat.id }, data: { isAdmin: true } });
    const body = { target: "The admin's paragraph.", baseVersion: 1 };
    const route = await viaRoute({ segmentId: a, body, headers: await as() });
    const fast = await viaFastPath({ segmentId: b, body, headers: await as() });
    expect(route).toMatchObject({ status: 200, body: { segment: { version: 2 } } });
    expect(JSON.stringify(fast).replaceAll(b, "ID")).toBe(JSON.stringify(route).replaceAll(a, "ID"));
    expect(await prisma.revision.findFirstOrThrow({ where: { segmentId: b, version: 2 } })).toMatchObject({ authorId: pat.id, authorRole: "owner" });

    const ended = await startSession(pat.id);
    await endSession(ended);
    const expired = await startSession(pat.id);
    await prisma.userSession.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const tessSession = sessionIds.tess!;
    const overs = [await as(ended), await as(expired), sameOrigin(null, { cookie: await patCookie(tessSession) })];
    const bodies: (string | object)[] = [
      { target: "A valid save.", baseVersion: 2 },
      { target: "A stale save.", baseVersion: 1 },
      { target: "x".repeat(30_000), baseVersion: 2 },
      { target: "A confirm.", baseVersion: 2, confirm: true },
      "{not json",
      { target: 5, baseVersion: 1 },
      '{"target":"\\ud800","baseVersion":1}',
    ];
    for (const headers of overs) {
      for (const sent of bodies) {
        const answer = await bothAnswer({ segmentId: b, body: sent, headers });
        expect({ sent, answer }).toMatchObject({ sent, answer: { status: 401, body: { code: "sign-in-required" } } });
      }
    }
    expect(await versionOf(b)).toBe(2);
  });

  it("a viewer (403) and a person outside the project (404): the same refusals", async () => {
    const id = segmentIds[3]!;
    const body = { target: "Not mine to save.", baseVersion: 1 };
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin("vic") })).toMatchObject({ status: 403, body: { code: "forbidden" } });
    const stranger = await prisma.user.create({ data: { email: "sam@fast-path.example", name: "SAM", passwordHash: "x" } });
    const sid = await startSession(stranger.id);
    const strangerCookie = `next-auth.session-token=${await encodeSessionToken({ token: { uid: stranger.id, sid }, secret: authSecret() })}`;
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin(null, { cookie: strangerCookie }) })).toMatchObject({ status: 404, body: { code: "not-found" } });
    expect(await bothAnswer({ segmentId: "no-such-segment", body, headers: sameOrigin("tess") })).toMatchObject({ status: 404 });
    expect(await versionOf(id)).toBe(1);
  });

  it("bodies over the limit, declared or streamed: the same 413", async () => {
    const id = segmentIds[3]!;
    const declared = await bothAnswer({ segmentId: id, body: { target: "x", baseVersion: 1 }, headers: sameOrigin("tess", { "content-length": String(maxRequestBytes() + 1) }) });
    expect(declared).toMatchObject({ status: 413, body: { code: "too-large" } });
    expect(await bothAnswer({ segmentId: id, chunked: true, headers: sameOrigin("tess") })).toEqual(declared);
    // Signed out, the declared length is refused first; a streamed one after the session check.
    expect(await bothAnswer({ segmentId: id, body: "x", headers: sameOrigin(null, { "content-length": String(maxRequestBytes() + 1) }) })).toEqual(declared);
    expect(await bothAnswer({ segmentId: id, chunked: true, headers: sameOrigin(null) })).toMatchObject({ status: 401 });
  });

  it("a body that is not JSON, one the schema refuses, text that is not valid Unicode, text too long: the same 400s and 422s", async () => {
    const id = segmentIds[3]!;
    expect(await bothAnswer({ segmentId: id, body: "{not json", headers: sameOrigin("tess") })).toMatchObject({ status: 400, body: { code: "invalid-request" } });
    expect(await bothAnswer({ segmentId: id, body: "", headers: sameOrigin("tess") })).toMatchObject({ status: 400, body: { code: "invalid-request" } });
    expect(await bothAnswer({ segmentId: id, body: "\uFEFF" + JSON.stringify({ target: "x" }), headers: sameOrigin("tess") })).toMatchObject({ status: 400, body: { details: { issue: expect.stringContaining("baseVersion") } } });
    expect(await bothAnswer({ segmentId: id, body: { target: 5, baseVersion: 1 }, headers: sameOrigin("tess", { "accept-language": "zh-CN" }) })).toMatchObject({ status: 400 });
    expect(await bothAnswer({ segmentId: id, body: '{"target":"\\ud800","baseVersion":1}', headers: sameOrigin("tess") })).toMatchObject({ status: 422, body: { code: "ill-formed-text" } });
    expect(await bothAnswer({ segmentId: id, body: { target: "x".repeat(30_000), baseVersion: 1 }, headers: sameOrigin("tess") })).toMatchObject({ status: 422, body: { code: "target-too-long" } });
    expect(await versionOf(id)).toBe(1);
  });

  it("the cross-site guard: the wrong content type (415) and a foreign or missing Origin (403), signed in or not", async () => {
    const id = segmentIds[3]!;
    const body = { target: "From elsewhere.", baseVersion: 1 };
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin("tess", { "content-type": "text/plain" }) })).toMatchObject({ status: 415, body: { code: "json-required" } });
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin(null, { "content-type": "application/x-www-form-urlencoded" }) })).toMatchObject({ status: 415 });
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin("tess", { origin: "https://evil.example" }) })).toMatchObject({ status: 403, body: { code: "cross-site" } });
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin(null, { origin: "https://evil.example" }) })).toMatchObject({ status: 403, body: { code: "cross-site" } });
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin("tess", { origin: "null" }) })).toMatchObject({ status: 403 });
    expect(await bothAnswer({ segmentId: id, body, headers: sameOrigin("tess", { "sec-fetch-site": "cross-site" }) })).toMatchObject({ status: 403 });
    const { origin: _origin, ...noOrigin } = sameOrigin("tess");
    expect(await bothAnswer({ segmentId: id, body, headers: noOrigin })).toMatchObject({ status: 403 });
    // Behind a proxy that says which host the browser addressed: past the guard (to the version check).
    const proxied = await bothAnswer({ segmentId: id, body: { ...body, baseVersion: 99 }, headers: sameOrigin("tess", { origin: "https://duizhao.example", "x-forwarded-host": "duizhao.example" }) });
    expect(proxied.status).toBe(409);
    expect(await versionOf(id)).toBe(1);
  });
});

describe("the fast path, bundled apart, shares the server's state", () => {
  it("a live subscriber of the server hears the fast path's save", async () => {
    const id = segmentIds[4]!;
    const heard: BusMessage[] = [];
    const stop = subscribeDocument(documentId, (message) => heard.push(message));
    try {
      expect((await viaFastPath({ segmentId: id, body: { target: "Heard live.", baseVersion: 1 }, headers: sameOrigin("tess") })).status).toBe(200);
      await vi.waitFor(() => expect(heard.some((m) => m.kind === "event" && m.event.type === "segments.changed" && m.event.segments[0]?.id === id)).toBe(true), { timeout: 5_000 });
    } finally {
      stop();
    }
  });

  it("a save that writes webhook deliveries wakes the server's outbox worker at once", async () => {
    const id = segmentIds[5]!;
    await prisma.segment.update({ where: { id }, data: { status: "translated", target: "Translated." } });
    await prisma.webhook.create({ data: { projectId, url: "https://hooks.example/duizhao", secret: "whsec_test", events: "segment.confirmed" } });
    let woken = 0;
    const unsubscribe = onEnqueue(() => woken++);
    try {
      expect((await viaFastPath({ segmentId: id, body: { target: "Translated again.", baseVersion: 1 }, headers: sameOrigin("tess") })).status).toBe(200);
      expect(await prisma.outboxMessage.count({ where: { kind: "segment.confirmed" } })).toBe(1);
      await vi.waitFor(() => expect(woken).toBe(1), { timeout: 2_000 });
    } finally {
      unsubscribe();
    }
  });

  it("a segment fenced by a long operation of the server is refused by the fast path", async () => {
    const id = segmentIds[6]!;
    const release = fenceSegments([id], BEING_REIMPORTED);
    try {
      expect(await viaFastPath({ segmentId: id, body: { target: "During the re-import.", baseVersion: 1 }, headers: sameOrigin("tess") })).toMatchObject({ status: 422, body: { code: BEING_REIMPORTED } });
    } finally {
      release();
    }
    expect((await viaFastPath({ segmentId: id, body: { target: "After it.", baseVersion: 1 }, headers: sameOrigin("tess") })).status).toBe(200);
  });

  it("a confirm (the save through saveTranslation, with its repetitions) works from the bundle as from the route", async () => {
    const id = segmentIds[7]!;
    const answer = await viaFastPath({ segmentId: id, body: { target: "The same paragraph, confirmed.", baseVersion: 1, confirm: true }, headers: sameOrigin("tess") });
    expect(answer).toMatchObject({ status: 200, body: { segment: { id, status: "translated", version: 2 }, changed: true, propagation: { propagated: expect.any(Array) } } });
    expect((answer.body as { propagation: { propagated: unknown[] } }).propagation.propagated.length).toBeGreaterThan(0);
  });

  it("leaves every other address to Next: another method, a trailing slash, an encoded id, another route", () => {
    const ask = (method: string, url: string) => fastSaveSegmentIdOf(method, url);
    expect(ask("POST", "/api/segments/abc-123_X/save")).toBe("abc-123_X");
    expect(ask("POST", "/api/segments/abc/save?x=1")).toBe("abc");
    expect(ask("GET", "/api/segments/abc/save")).toBeNull();
    expect(ask("POST", "/api/segments/abc/save/")).toBeNull();
    expect(ask("POST", "/api/segments/a%62c/save")).toBeNull();
    expect(ask("POST", "/api/segments/abc/restore")).toBeNull();
    expect(ask("POST", "//api/segments/abc/save")).toBeNull();
  });
});

let fastSaveSegmentIdOf: (method: string, url: string) => string | null;
beforeAll(async () => {
  const { fastSaveSegmentId } = await import("@/lib/http/save-fast-path");
  fastSaveSegmentIdOf = (method, url) => fastSaveSegmentId({ method, url } as http.IncomingMessage);
});
