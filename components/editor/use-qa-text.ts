"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { qaCheckKey, qaFindingKey, qaSeverityKey } from "@/lib/i18n/labels";
import type { Finding, Severity } from "@/lib/qa/checks";
import type { CheckId } from "@/lib/qa/finding-text";

/**
 * QA findings in the reader's language: a finding's text from its code and parameters
 * (`qa.findings`), a check's name (`qa.checks`) and a severity (`qa.severities`).
 */
export function useQaText() {
  const t = useTranslations();
  return useMemo(
    () => ({
      finding: (f: Pick<Finding, "code" | "params">) => t(qaFindingKey(f.code), f.params),
      check: (check: CheckId) => t(qaCheckKey(check)),
      severity: (severity: Severity) => t(qaSeverityKey(severity)),
    }),
    [t],
  );
}
