import type { IncomingMessage } from "node:http";
import { maxRequestBytes } from "@/lib/config/limits";
import type { RequestHead } from "./json-answer";
import { parseJsonBytes, tooLargeAnswer, type JsonBody } from "./request-size";

/** Where the server listens, as Next's request handler was told (scripts/start-server.mjs). */
export interface ServerAddress {
  /** The -H host name, or localhost. */
  hostname: string;
  port: number;
}

/** A host name as it goes into a URL: an IPv6 address in brackets (Next's formatHostname). */
const urlHostname = (hostname: string) => (hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname);

/**
 * A raw Node request seen as Next's route handlers see it, for code that answers before Next does
 * (the save's fast path): the headers as Node parsed them — repeats joined, the form Next passes
 * on — with the `x-forwarded-*` defaults Next's server writes into every request before routing
 * (base-server.ts: the Host header, else the server's host name; `http`, as this server does not
 * terminate TLS) and the URL Next builds from its own host name and port.
 */
export function nodeRequestHead(req: IncomingMessage, server: ServerAddress): RequestHead {
  const headers = req.headers;
  const defaults: Record<string, string | undefined> = {
    "x-forwarded-host": headers.host ?? server.hostname,
    "x-forwarded-proto": "http",
  };
  return {
    headers: {
      get(name: string): string | null {
        const value = headers[name] ?? defaults[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
    get url() {
      const proto = String(headers["x-forwarded-proto"] ?? "http").includes("https") ? "https" : "http";
      return `${proto}://${urlHostname(server.hostname)}:${server.port}${req.url ?? "/"}`;
    },
  };
}

/**
 * The body of a raw Node request as readJsonBody (lib/http/request-size.ts) reads a Request's: up
 * to the limit, then JSON or null; a body that runs past the limit is the 413 (what is left of it
 * is read and dropped by Node once the answer is sent, as for any answer given before the end).
 */
export function readNodeJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const limit = maxRequestBytes();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish();
        resolve({ refused: tooLargeAnswer() });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      finish();
      resolve({ json: chunks.length ? parseJsonBytes(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)) : null });
    };
    const onError = (error: Error) => {
      finish();
      reject(error);
    };
    const finish = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}
