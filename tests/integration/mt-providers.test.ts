/**
 * The machine-translation clients against a local HTTP server that speaks each protocol:
 * answers, errors, rate limits (retried after Retry-After), timeouts and malformed answers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configuredProvider, deepl, MtError, openAiCompatible } from "@/lib/mt/providers";

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
let handler: Handler = () => undefined;
const seen: { url: string; headers: http.IncomingHttpHeaders; body: unknown }[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ url: req.url ?? "", headers: req.headers, body: body ? JSON.parse(body) : null });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const languages = { source: "zh-CN", target: "en-US" };

async function failure(p: Promise<unknown>): Promise<MtError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(MtError);
    return error as MtError;
  }
  throw new Error("expected a failure");
}

// Answers that do come get a generous timeout: on a busy CI machine a local answer can take over
// half a second, and a 0.5 s limit then failed tests about other things. Only the never-answering
// server is asked with the short limit the timeout test is about.
const ANSWERING_TIMEOUT_MS = 15_000;
const SHORT_TIMEOUT_MS = 500;

describe("OpenAI-compatible chat completions", () => {
  const client = (timeoutMs = ANSWERING_TIMEOUT_MS) => openAiCompatible({ baseUrl: `${base}/v1/`, apiKey: "sk-test", model: "test-model", timeoutMs });

  it("sends one chat completion per text with the key and model, and returns the answers in order", async () => {
    seen.length = 0;
    handler = (_req, body, res) => {
      const text = (JSON.parse(body) as { messages: { content: string }[] }).messages[1]!.content;
      json(res, 200, { choices: [{ message: { role: "assistant", content: ` EN(${text}) \n` } }] });
    };
    expect(await client().translate(["昆山", "高新区", "成立"], languages)).toEqual(["EN(昆山)", "EN(高新区)", "EN(成立)"]);
    expect(seen).toHaveLength(3);
    expect(seen[0]!.url).toBe("/v1/chat/completions");
    expect(seen[0]!.headers.authorization).toBe("Bearer sk-test");
    expect(seen[0]!.body).toMatchObject({ model: "test-model", temperature: 0, messages: [{ role: "system" }, { role: "user", content: "昆山" }] });
  });

  it("waits out a 429 (Retry-After) and succeeds; gives up with a rate-limit error when it persists", async () => {
    let calls = 0;
    handler = (_req, _body, res) => (++calls === 1 ? json(res, 429, { error: "slow down" }, { "retry-after": "0.05" }) : json(res, 200, { choices: [{ message: { content: "OK" } }] }));
    expect(await client().translate(["一"], languages)).toEqual(["OK"]);
    expect(calls).toBe(2);
    handler = (_req, _body, res) => json(res, 429, {}, { "retry-after": "0.01" });
    expect((await failure(client().translate(["一"], languages))).kind).toBe("rate-limit");
  });

  it("reports bad credentials, server errors, timeouts and answers without a translation", async () => {
    handler = (_req, _body, res) => json(res, 401, { error: { message: "bad key" } });
    expect(await failure(client().translate(["一"], languages))).toMatchObject({ kind: "auth" });
    handler = (_req, _body, res) => json(res, 503, {});
    expect((await failure(client().translate(["一"], languages))).kind).toBe("server");
    handler = () => undefined; // never answers
    const timeout = await failure(client(SHORT_TIMEOUT_MS).translate(["一"], languages));
    expect(timeout.kind).toBe("timeout");
    expect(timeout.message).toMatch(/did not answer within 0.5 s/);
    handler = (_req, _body, res) => json(res, 200, { choices: [] });
    expect((await failure(client().translate(["一"], languages))).kind).toBe("bad-response");
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>proxy error</html>");
    };
    expect((await failure(client().translate(["一"], languages))).kind).toBe("bad-response");
  });
});

describe("DeepL", () => {
  const client = () => deepl({ baseUrl: base, apiKey: "dl-key:fx", timeoutMs: ANSWERING_TIMEOUT_MS });

  it("batches texts with the auth header and DeepL's language codes", async () => {
    seen.length = 0;
    handler = (_req, body, res) => json(res, 200, { translations: (JSON.parse(body) as { text: string[] }).text.map((t) => ({ detected_source_language: "ZH", text: `DL ${t}` })) });
    expect(await client().translate(["甲", "乙"], languages)).toEqual(["DL 甲", "DL 乙"]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe("/v2/translate");
    expect(seen[0]!.headers.authorization).toBe("DeepL-Auth-Key dl-key:fx");
    expect(seen[0]!.body).toEqual({ text: ["甲", "乙"], source_lang: "ZH", target_lang: "EN-US" });
  });

  it("reports an exhausted quota (456), a forbidden key (403) and a short answer", async () => {
    handler = (_req, _body, res) => json(res, 456, { message: "Quota exceeded" });
    expect((await failure(client().translate(["甲"], languages))).kind).toBe("quota");
    handler = (_req, _body, res) => json(res, 403, { message: "Wrong key" });
    expect((await failure(client().translate(["甲"], languages))).kind).toBe("auth");
    handler = (_req, _body, res) => json(res, 200, { translations: [] });
    expect((await failure(client().translate(["甲"], languages))).kind).toBe("bad-response");
  });
});

describe("configuration", () => {
  it("is off unless a provider and its settings are given", () => {
    expect(configuredProvider({})).toBeNull();
    expect(configuredProvider({ DUIZHAO_MT_PROVIDER: "deepl" })).toBeNull();
    expect(configuredProvider({ DUIZHAO_MT_PROVIDER: "deepl", DUIZHAO_MT_DEEPL_KEY: "k" })?.id).toBe("deepl");
    expect(configuredProvider({ DUIZHAO_MT_PROVIDER: "openai", DUIZHAO_MT_OPENAI_URL: "http://x/v1" })?.label).toBe("MT (gpt-4o-mini)");
  });
});
