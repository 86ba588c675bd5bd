"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createApiTokenAction } from "@/app/account/actions";
import styles from "@/components/auth/auth.module.css";
import { FormMessage } from "@/components/ui/form-errors";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { API_SCOPES, type ApiScope } from "@/lib/api/scopes";
import { TokenTable, type TokenRow } from "./token-table";

const EXPIRIES = ["30", "90", "365", "none"] as const;
type Expiry = (typeof EXPIRIES)[number];

/**
 * The account page's "Access tokens" card: create a token (name, scopes, optional project, expiry),
 * see its secret once, and list and revoke the live ones. Everything is checked again on the server.
 */
export function AccessTokens({ tokens, projects, isAdmin }: { tokens: TokenRow[]; projects: { id: string; name: string }[]; isAdmin: boolean }) {
  const t = useTranslations("account.tokens");
  const hydrated = useHydrated();
  const router = useRouter();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Set<ApiScope>>(new Set(["read"]));
  const [projectId, setProjectId] = useState("");
  const [expiry, setExpiry] = useState<Expiry>("90");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const toggle = (scope: ApiScope, on: boolean) =>
    setScopes((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await createApiTokenAction({
        name,
        scopes: API_SCOPES.filter((s) => scopes.has(s)),
        projectId: projectId || null,
        expiresInDays: expiry === "none" ? null : (Number(expiry) as 30 | 90 | 365),
      }).catch(() => null);
      if (!result) return setMessage({ ok: false, text: t("offline") });
      if (!result.ok) return setMessage({ ok: false, text: result.error });
      setCreated({ name: result.name, secret: result.secret });
      setCopied(false);
      setName("");
      router.refresh();
    });
  };

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard.writeText(created.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <section className={ui.card} aria-labelledby="access-tokens-title" style={{ marginTop: 16 }}>
      <div style={{ padding: "12px 16px", borderBottom: "1px solid var(--border)", display: "flex", gap: 16, alignItems: "baseline", flexWrap: "wrap" }}>
        <h2 id="access-tokens-title" className={styles.title} style={{ margin: 0 }}>
          {t("title")}
        </h2>
        <span className={styles.hint} style={{ flex: 1 }}>
          {t("help")}
        </span>
        <Link href="/api-docs">{t("reference")}</Link>
        {isAdmin && <Link href="/admin/tokens">{t("allTokensLink")}</Link>}
      </div>

      {created && (
        <div role="status" style={{ padding: "12px 16px", borderBottom: "1px solid var(--border)", display: "grid", gap: 8 }}>
          <p style={{ margin: 0, padding: "8px 12px", borderRadius: "var(--radius)", background: "var(--warning-soft)", color: "var(--warning)", fontWeight: 600 }}>
            {t("created", { name: created.name })}
          </p>
          <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
            <label htmlFor="new-token-secret" style={{ fontWeight: 600 }}>
              {t("secretLabel")}
            </label>
            <input id="new-token-secret" readOnly value={created.secret} onFocus={(e) => e.currentTarget.select()} style={{ flex: 1, fontFamily: "var(--font-mono, monospace)", padding: "6px 8px" }} />
            <button type="button" className={ui.button} onClick={() => void copy()}>
              {copied ? t("copied") : t("copy")}
            </button>
            <button type="button" className={ui.button} onClick={() => setCreated(null)}>
              {t("done")}
            </button>
          </div>
        </div>
      )}

      <form onSubmit={submit} aria-label={t("createTitle")} style={{ padding: "12px 16px", display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))", gap: 12, alignItems: "end", borderBottom: "1px solid var(--border)" }}>
        {/* The fields wait for hydration; display: contents, so they stay the form grid's cells. */}
        <HydratedFieldset>
          <label className={styles.field}>
            <span>{t("name")}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder={t("namePlaceholder")} required />
          </label>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontWeight: 600, marginBottom: 4 }}>{t("scopes")}</legend>
            <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
              {API_SCOPES.map((scope) => (
                <label key={scope} title={t(`scopeHelp.${scope}`)} style={{ display: "flex", gap: 4, alignItems: "center" }}>
                  <input type="checkbox" checked={scopes.has(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
                  {t(`scope.${scope}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className={styles.field}>
            <span>{t("project")}</span>
            <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
              <option value="">{t("allProjects")}</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.field}>
            <span>{t("expiry")}</span>
            <select value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
              <option value="30">{t("expiryDays", { days: 30 })}</option>
              <option value="90">{t("expiryDays", { days: 90 })}</option>
              <option value="365">{t("expiryYear")}</option>
              <option value="none">{t("noExpiry")}</option>
            </select>
          </label>
        </HydratedFieldset>
        <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || pending || scopes.size === 0} style={{ height: 34, justifyContent: "center" }}>
          {pending ? t("creating") : t("create")}
        </button>
        <div style={{ gridColumn: "1 / -1" }}>
          <FormMessage message={message} />
        </div>
      </form>

      <TokenTable tokens={tokens} label={t("title")} />
    </section>
  );
}
