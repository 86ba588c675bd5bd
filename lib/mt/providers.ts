/**
 * Machine translation, off by default. Two real clients behind one interface: any
 * OpenAI-compatible chat-completions endpoint (OpenAI, Azure-style gateways, vLLM, Ollama…) and
 * DeepL's API. Configured by environment variables only; keys never reach the browser.
 *
 *   DUIZHAO_MT_PROVIDER       openai | deepl (unset: machine translation is off)
 *   DUIZHAO_MT_OPENAI_URL     base URL, e.g. https://api.openai.com/v1
 *   DUIZHAO_MT_OPENAI_KEY     bearer token (optional for local servers)
 *   DUIZHAO_MT_OPENAI_MODEL   model name (default gpt-4o-mini)
 *   DUIZHAO_MT_DEEPL_URL      https://api-free.deepl.com or https://api.deepl.com (default: free)
 *   DUIZHAO_MT_DEEPL_KEY      DeepL authentication key
 *   DUIZHAO_MT_TIMEOUT_MS     per request (default 20000)
 */

export type MtErrorKind = "auth" | "rate-limit" | "quota" | "timeout" | "server" | "bad-response" | "network";

export class MtError extends Error {
  constructor(
    message: string,
    readonly kind: MtErrorKind,
  ) {
    super(message);
    this.name = "MtError";
  }
}

export interface MtProvider {
  id: "openai" | "deepl";
  label: string;
  /** Translates each text (same order); throws MtError. */
  translate(texts: string[], languages: { source: string; target: string }): Promise<string[]>;
}

const RETRIES = 2;
const MAX_RETRY_WAIT_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One HTTP call with a timeout, retrying rate limits (after Retry-After) and server errors. */
async function call(url: string, init: RequestInit, timeoutMs: number, provider: string): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) throw new MtError(`${provider} did not answer within ${timeoutMs / 1000} s.`, "timeout");
      throw new MtError(`${provider} cannot be reached (${error instanceof Error ? error.message : "network error"}).`, "network");
    }
    if (response.ok) {
      try {
        return await response.json();
      } catch {
        throw new MtError(`${provider} answered with something that is not JSON.`, "bad-response");
      }
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && attempt < RETRIES) {
      const retryAfter = Number(response.headers.get("retry-after"));
      await sleep(Math.min(MAX_RETRY_WAIT_MS, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** attempt));
      continue;
    }
    if (response.status === 401 || response.status === 403) throw new MtError(`${provider} refused the credentials (HTTP ${response.status}). Check the API key.`, "auth");
    if (response.status === 429) throw new MtError(`${provider} is rate-limiting requests; try again shortly.`, "rate-limit");
    if (response.status === 456) throw new MtError(`${provider}'s character quota is used up.`, "quota");
    throw new MtError(`${provider} failed (HTTP ${response.status}).`, response.status >= 500 ? "server" : "bad-response");
  }
}

const LANGUAGE_NAMES: Record<string, string> = { zh: "Chinese", en: "English" };
const languageName = (tag: string) => LANGUAGE_NAMES[tag.slice(0, 2).toLowerCase()] ?? tag;

export function openAiCompatible(options: { baseUrl: string; apiKey?: string; model: string; timeoutMs: number }): MtProvider {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return {
    id: "openai",
    label: `MT (${options.model})`,
    async translate(texts, languages) {
      const out: string[] = [];
      // A few at a time: one request per text keeps each answer unambiguous.
      for (let i = 0; i < texts.length; i += 4) {
        const batch = texts.slice(i, i + 4);
        out.push(
          ...(await Promise.all(
            batch.map(async (text) => {
              const body = (await call(
                url,
                {
                  method: "POST",
                  headers: { "content-type": "application/json", ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
                  body: JSON.stringify({
                    model: options.model,
                    temperature: 0,
                    messages: [
                      { role: "system", content: `You translate ${languageName(languages.source)} newspaper text into ${languageName(languages.target)} (${languages.target}). Answer with the translation only: no notes, no quotes around it. Keep every number, name and URL.` },
                      { role: "user", content: text },
                    ],
                  }),
                },
                options.timeoutMs,
                "The machine translation service",
              )) as { choices?: { message?: { content?: unknown } }[] };
              const content = body.choices?.[0]?.message?.content;
              if (typeof content !== "string") throw new MtError("The machine translation service gave no translation.", "bad-response");
              return content.trim();
            }),
          )),
        );
      }
      return out;
    },
  };
}

/** DeepL language codes: ZH for Chinese, EN-US / EN-GB for English. */
function deeplLanguage(tag: string, target: boolean): string {
  const lower = tag.toLowerCase();
  if (lower.startsWith("zh")) return "ZH";
  if (lower.startsWith("en")) return target ? (lower.endsWith("gb") ? "EN-GB" : "EN-US") : "EN";
  return tag.slice(0, 2).toUpperCase();
}

export function deepl(options: { baseUrl: string; apiKey: string; timeoutMs: number }): MtProvider {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/v2/translate`;
  return {
    id: "deepl",
    label: "DeepL",
    async translate(texts, languages) {
      const out: string[] = [];
      for (let i = 0; i < texts.length; i += 50) {
        const batch = texts.slice(i, i + 50);
        const body = (await call(
          url,
          {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `DeepL-Auth-Key ${options.apiKey}` },
            body: JSON.stringify({ text: batch, source_lang: deeplLanguage(languages.source, false), target_lang: deeplLanguage(languages.target, true) }),
          },
          options.timeoutMs,
          "DeepL",
        )) as { translations?: { text?: unknown }[] };
        const texts_ = body.translations?.map((t) => t.text);
        if (!texts_ || texts_.length !== batch.length || texts_.some((t) => typeof t !== "string")) throw new MtError("DeepL's answer did not hold one translation per text.", "bad-response");
        out.push(...(texts_ as string[]));
      }
      return out;
    },
  };
}

/** The provider the environment configures, or null when machine translation is off. */
export function configuredProvider(env: Record<string, string | undefined> = process.env): MtProvider | null {
  const timeoutMs = Number(env.DUIZHAO_MT_TIMEOUT_MS) > 0 ? Number(env.DUIZHAO_MT_TIMEOUT_MS) : 20_000;
  switch (env.DUIZHAO_MT_PROVIDER) {
    case "openai":
      if (!env.DUIZHAO_MT_OPENAI_URL) return null;
      return openAiCompatible({ baseUrl: env.DUIZHAO_MT_OPENAI_URL, apiKey: env.DUIZHAO_MT_OPENAI_KEY, model: env.DUIZHAO_MT_OPENAI_MODEL || "gpt-4o-mini", timeoutMs });
    case "deepl":
      if (!env.DUIZHAO_MT_DEEPL_KEY) return null;
      return deepl({ baseUrl: env.DUIZHAO_MT_DEEPL_URL || "https://api-free.deepl.com", apiKey: env.DUIZHAO_MT_DEEPL_KEY, timeoutMs });
    default:
      return null;
  }
}
