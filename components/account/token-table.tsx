"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeApiTokenAction } from "@/app/account/actions";
import { FormMessage } from "@/components/ui/form-errors";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { TokenListItem } from "@/lib/api/tokens";
import { useFormat } from "@/lib/i18n/use-format";

/** A token as the lists show it: never the secret (a type only: nothing of the server module reaches the browser). */
export type TokenRow = TokenListItem;

/**
 * The live tokens with a revoke button each. `showOwner`: the site admin's list of everyone's.
 * Revoking asks first; the server checks the caller may (their own token, or a site admin).
 */
export function TokenTable({ tokens, showOwner = false, label }: { tokens: TokenRow[]; showOwner?: boolean; label: string }) {
  const t = useTranslations("account.tokens");
  const f = useFormat();
  const router = useRouter();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const now = Date.now();

  const revoke = async (token: TokenRow) => {
    if (!window.confirm(t("confirmRevoke", { name: token.name }))) return;
    setBusy(token.id);
    const result = await revokeApiTokenAction({ tokenId: token.id }).catch(() => null);
    setBusy(null);
    if (!result) return setMessage({ ok: false, text: t("offline") });
    setMessage(result.ok ? { ok: true, text: t("revoked", { name: token.name }) } : { ok: false, text: result.error });
    router.refresh();
  };

  return (
    <>
      <FormMessage message={message} />
      {tokens.length === 0 ? (
        <p className={ui.empty}>{t("empty")}</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className={ui.table} aria-label={label}>
            <thead>
              <tr>
                <th>{t("columns.name")}</th>
                {showOwner && <th>{t("columns.user")}</th>}
                <th>{t("columns.prefix")}</th>
                <th>{t("columns.scopes")}</th>
                <th>{t("columns.project")}</th>
                <th>{t("columns.created")}</th>
                <th>{t("columns.lastUsed")}</th>
                <th>{t("columns.expires")}</th>
                <th aria-label={t("revoke")} />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
                return (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    {showOwner && (
                      <td>
                        {token.user.name} · {token.user.email}
                      </td>
                    )}
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{f.list(token.scopes.map((scope) => t(`scope.${scope}`)), "plain")}</td>
                    <td>{token.project ? token.project.name : t("allProjects")}</td>
                    <td>{f.dateTime(token.createdAt)}</td>
                    <td>{token.lastUsedAt ? f.relative(token.lastUsedAt) : t("neverUsed")}</td>
                    <td>{token.expiresAt ? (expired ? t("expired") : f.date(token.expiresAt)) : t("noExpiry")}</td>
                    <td>
                      <button type="button" className={ui.button} disabled={!hydrated || busy !== null} onClick={() => void revoke(token)} aria-label={t("revokeNamed", { name: token.name })}>
                        {t("revoke")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
