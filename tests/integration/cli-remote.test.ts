/**
 * `duizhao --server` (issue 19) and the HTTP answers a real server gives only under conditions a
 * test cannot cheaply make it give — a rate limit hit, an upload over its size limit, a download
 * cut off halfway, a hostile file name — served here by a local HTTP server speaking the API's
 * protocol. The built command line runs as a process. (The commands against the real app, with
 * real tokens, are tests/e2e/cli-remote.spec.ts.)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const root = path.join(__dirname, "../..");
const TOKEN = `dzp_${"t".repeat(43)}`;

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}
type Answer = (request: Seen, n: number, response: http.ServerResponse) => void;

let seen: Seen[] = [];
let answer: Answer = (_r, _n, response) => json(response, 500, {});
let server: http.Server;
let origin: string;
let work: string;

function json(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = { method: request.method!, url: request.url!, authorization: request.headers.authorization, body: Buffer.concat(chunks).toString("latin1") };
      seen.push(entry);
      answer(entry, seen.length - 1, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  work = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-cli-remote-"));
});

/** The built command line as a process (asynchronously: this process's server must keep answering). */
function duizhao(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts/duizhao.mjs"), ...args], {
      cwd: work,
      env: { ...process.env, DATABASE_URL: "file:/nonexistent-duizhao-dir/never.db", DUIZHAO_SERVER: "", DUIZHAO_TOKEN: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const remote = () => ["--server", origin, "--token", TOKEN];
const PROJECT = { id: "p1", name: "Desk", description: "", role: "owner", sourceLang: "zh-CN", targetLang: "en-US", documentCount: 0, segmentCount: 0, statusCounts: {} };

describe("duizhao --server: the protocol's harder answers", () => {
  it("a 429 is waited out once (Retry-After) and the call tried again, with the token each time", async () => {
    answer = (request, n, response) => (n === 0 ? json(response, 429, { error: { code: "rate-limited", message: "Too many requests." } }, { "retry-after": "1" }) : json(response, 200, { projects: [] }));
    const result = await duizhao(["list", ...remote()]);
    expect(result).toMatchObject({ status: 0, stdout: "No projects.\n" });
    expect(result.stderr).toBe(`${origin} asks this token to slow down: waiting 1 s, then trying once more.\n`);
    expect(seen.map((s) => [s.method, s.url, s.authorization])).toEqual([
      ["GET", "/api/v1/projects", `Bearer ${TOKEN}`],
      ["GET", "/api/v1/projects", `Bearer ${TOKEN}`],
    ]);
  });

  it("a second 429 is reported, not retried again: exit 1", async () => {
    answer = (_request, _n, response) => json(response, 429, { error: { code: "rate-limited", message: "Too many requests." } }, { "retry-after": "1" });
    const result = await duizhao(["list"], { DUIZHAO_SERVER: origin, DUIZHAO_TOKEN: TOKEN });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${origin} is still limiting this token's requests: try again in 1 s.`);
    expect(seen).toHaveLength(2);
  });

  it("an upload over the server's limit (413) is named, with the server's reason; the form carries the file and the join decision", async () => {
    fs.writeFileSync(path.join(work, "article.txt"), "标题\n\n第一段。");
    answer = (request, _n, response) =>
      request.url === "/api/v1/projects"
        ? json(response, 200, { projects: [PROJECT] })
        : json(response, 413, { error: { code: "upload-too-large", message: "The file is larger than 20 MB." } });
    const result = await duizhao(["import", "article.txt", "--project", "Desk", "--no-joins", "--title", "短标题", ...remote()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`Import of article.txt into "Desk": the file is larger than ${origin} accepts (the server says: The file is larger than 20 MB.). Nothing was created.\n`);
    const upload = seen.find((s) => s.url === "/api/v1/projects/p1/documents/upload")!;
    expect(upload.method).toBe("POST");
    expect(upload.body).toContain('filename="article.txt"');
    expect(Buffer.from(upload.body, "latin1").toString("utf8")).toContain("第一段。");
    expect(upload.body).toMatch(/name="joins"\r\n\r\nnone\r\n/);
  });

  it("a 422 lists each field's problem", async () => {
    answer = (request, _n, response) =>
      request.url!.startsWith("/api/v1/documents/d1") && request.method === "GET"
        ? json(response, 200, { document: { id: "d1", title: "Doc", projectId: "p1" } })
        : json(response, 422, { error: { code: "validation-failed", message: "The request is not valid.", details: { in: "body", issues: [{ path: "format", message: "Invalid option" }] } } });
    const result = await duizhao(["export", "d1", "--format", "csv", ...remote()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`Export of "Doc" was refused: The request is not valid.\n  format: Invalid option\n`);
  });

  it("a download cut off halfway leaves no file, under its name or half-written", async () => {
    answer = (request, _n, response) => {
      if (request.method === "GET") return json(response, 200, { document: { id: "d1", title: "Doc", projectId: "p1" } });
      response.writeHead(200, { "content-type": "text/plain", "content-length": "100000" });
      response.write("The first part of the file… ");
      setTimeout(() => response.socket?.destroy(), 50);
    };
    const result = await duizhao(["export", "d1", "--format", "txt", "--out", "doc.txt", ...remote()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Export of "Doc" broke off while downloading \(.+\)\. Nothing was written to .*doc\.txt\.\n$/);
    expect(fs.readdirSync(work)).toEqual([]);
  });

  it("the server's file name is used without its directories", async () => {
    answer = (request, _n, response) => {
      if (request.method === "GET") return json(response, 200, request.url!.endsWith("/versions") ? { versions: [] } : { document: { id: "d1", title: "Doc", projectId: "p1" } });
      response
        .writeHead(200, { "content-type": "text/plain", "x-segment-count": "2", "x-version-id": "v1", "content-disposition": `attachment; filename="x.txt"; filename*=UTF-8''${encodeURIComponent("../../标题.txt")}` })
        .end("Two lines.\nOf English.\n");
    };
    const result = await duizhao(["export", "d1", "--format", "txt", ...remote()]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(fs.readdirSync(work)).toEqual(["标题.txt"]);
    expect(fs.readFileSync(path.join(work, "标题.txt"), "utf8")).toBe("Two lines.\nOf English.\n");
    expect(result.stdout).toBe(`Exported 2 segments of "Doc" from ${origin} as txt to ${path.join(work, "标题.txt")}.\n`);
  });

  it("a server that does not answer is named; usage mistakes exit 2 before anything is sent", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await duizhao(["list", "--server", `http://127.0.0.1:${port}`, "--token", TOKEN]);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toBe(`Cannot reach http://127.0.0.1:${port}: ECONNREFUSED. Check the address (--server or DUIZHAO_SERVER).\n`);

    expect(await duizhao(["list", "--server", origin])).toMatchObject({ status: 2, stderr: expect.stringContaining(`No token for ${origin}: add --token T or set DUIZHAO_TOKEN`) });
    expect(await duizhao(["list"], { DUIZHAO_TOKEN: TOKEN })).toMatchObject({ status: 2, stderr: expect.stringContaining("no server: add --server URL or set DUIZHAO_SERVER") });
    expect(await duizhao(["list", "--server", "ftp://example.com", "--token", TOKEN])).toMatchObject({ status: 2, stderr: expect.stringContaining("must be an http:// or https:// address") });
    expect(await duizhao(["user", "create", "--email", "a@b.c", "--name", "A", ...remote()])).toMatchObject({ status: 2, stderr: expect.stringContaining("works on this machine's database only") });
    expect(seen).toEqual([]);
  });

  it("--server may name the API's own address, and plain http to another host warns that the token is unencrypted", async () => {
    answer = (request, _n, response) => json(response, 200, request.url === "/api/v1/projects" ? { projects: [PROJECT] } : { documents: [] });
    const result = await duizhao(["list", "--server", `${origin}/api/v1/`, "--token", TOKEN]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("Desk  [p1]  zh-CN→en-US  0 document(s)\n");
    expect(seen.map((s) => s.url)).toEqual(["/api/v1/projects", "/api/v1/projects/p1/documents"]);
    expect(result.stderr).toBe("");
    const elsewhere = await duizhao(["list", "--server", "http://duizhao.invalid", "--token", TOKEN]);
    expect(elsewhere.stderr).toContain("Warning: http://duizhao.invalid is plain http, so the token crosses the network unencrypted.");
    expect(elsewhere.status).toBe(1);
  });
});
