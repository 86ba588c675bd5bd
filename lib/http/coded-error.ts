import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import type { CheckId } from "@/lib/qa/finding-text";
import { JsonAnswer } from "./json-answer";

// Not lib/i18n/translator.ts: it reaches next/headers, and import errors (lib/documents/import-error.ts)
// are also thrown by code the import page runs in the browser.
const CATALOGS = { en, "zh-CN": zhCN } as const;

/**
 * The API's error convention (issue 15): every refusal carries a stable machine-readable `code`
 * (kebab-case, never renamed once shipped — clients and scripts branch on it) besides a message in
 * the request's language. The code is the key of the message in the `errors` namespace of the
 * catalogs, so a code without a message does not compile.
 *
 * Response body: `{ error: "<message in the request's language>", code: "<code>", details?: {…} }`.
 * `error` stays a string because every client (editor, forms, CLI, tests) reads it as one.
 */
export type ErrorCode = keyof typeof en.errors;
export type ErrorParams = Record<string, string | number | Date>;

export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status = 400,
    readonly params: ErrorParams = {},
    readonly details?: Record<string, unknown>,
  ) {
    // The English text as the Error's message: logs, the CLI and tests read it.
    super(errorMessage(code, params, DEFAULT_LOCALE));
    this.name = "CodedError";
  }
}

/** Whether a string is an error code (a key of the `errors` namespace): zod schemas give codes as their messages. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(en.errors, value);
}

/** A code's message in a language, its {placeholders} filled from `params`. */
export function errorMessage(code: ErrorCode, params: ErrorParams = {}, locale: Locale = DEFAULT_LOCALE): string {
  return createTranslator({ locale, messages: CATALOGS[locale], namespace: "errors" })(code, params as never);
}

/** The JSON body of a coded refusal in the request's language. */
export function errorBody(error: CodedError, locale: Locale): { error: string; code: ErrorCode; details?: Record<string, unknown> } {
  return { error: errorMessage(error.code, error.params, locale), code: error.code, ...(error.details ? { details: error.details } : {}) };
}

/** A coded refusal as a Response (for handlers that answer without throwing). */
export function errorResponse(code: ErrorCode, status: number, locale: Locale, params?: ErrorParams, details?: Record<string, unknown>): Response {
  return errorAnswer(code, status, locale, params, details).toResponse();
}

/** The same as data (lib/http/json-answer.ts). */
export function errorAnswer(code: ErrorCode, status: number, locale: Locale, params?: ErrorParams, details?: Record<string, unknown>): JsonAnswer {
  return new JsonAnswer(status, errorBody(new CodedError(code, status, params, details), locale));
}

/**
 * A reason carried as data rather than thrown — a segment a bulk approval or a replacement
 * skipped, what stands between a document and its sign-off: an error code and its parameters,
 * which the page renders in the reader's language (components/ui/use-reason-text.ts). `checks`
 * names QA checks (lib/qa/finding-text.ts CHECK_IDS), listed by their names as `{checks}`.
 */
export interface CodedReason {
  code: ErrorCode;
  params?: Record<string, string | number>;
  checks?: CheckId[];
}

/** A reason with its code (a literal, so the catalog check sees the code used). */
export function codedReason(code: ErrorCode, params?: Record<string, string | number>): CodedReason {
  return params ? { code, params } : { code };
}

/** A thrown refusal as a reason (its dates as ISO strings, so it survives JSON). */
export function reasonOf(error: CodedError): CodedReason {
  const params = Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
  return Object.keys(params).length ? { code: error.code, params } : { code: error.code };
}
