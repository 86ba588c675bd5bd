import { useTranslations } from "next-intl";
import type { CodedReason } from "@/lib/http/coded-error";
import { useFormat } from "@/lib/i18n/use-format";

/**
 * A reason the server gave as a code (lib/http/coded-error.ts CodedReason: a skipped segment of a
 * bulk approval or a replacement, a sign-off blocker), in the reader's language:
 * `const reasonText = useReasonText(); reasonText(r)`. QA checks it names are listed by name.
 */
export function useReasonText(): (reason: CodedReason) => string {
  const t = useTranslations("errors");
  const check = useTranslations("qa.checks");
  const f = useFormat();
  return (reason) => {
    const params = { ...reason.params, ...(reason.checks ? { checks: f.list(reason.checks.map((c) => check(c))) } : {}) };
    return t(reason.code, params as never);
  };
}
