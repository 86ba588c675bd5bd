/**
 * E-mail settings (issue 20), read from the environment each time they are needed so a test or a
 * restarted instance sees the current values. Without DUIZHAO_SMTP_HOST and DUIZHAO_MAIL_FROM no
 * mail is queued at all: invitation links are shown to copy by hand, password reset by e-mail is
 * off, and notifications stay in the app.
 */

type Env = Record<string, string | undefined>;

export interface SmtpConfig {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (usually port 465); otherwise STARTTLS whenever the server offers it. */
  secure: boolean;
  /** Both or neither: without them no AUTH is sent (a relay that trusts the network). */
  user: string | null;
  password: string | null;
  /** The From header, e.g. `Duizhao <duizhao@example.org>`. */
  from: string;
}

const TRUE = new Set(["1", "true", "yes", "on"]);

/** The SMTP settings, or null when mail is not configured (no host or no sender). */
export function smtpConfig(env: Env = process.env): SmtpConfig | null {
  const host = env.DUIZHAO_SMTP_HOST?.trim();
  const from = env.DUIZHAO_MAIL_FROM?.trim();
  if (!host || !from) return null;
  const secure = TRUE.has((env.DUIZHAO_SMTP_SECURE ?? "").trim().toLowerCase());
  const port = Number(env.DUIZHAO_SMTP_PORT);
  const user = env.DUIZHAO_SMTP_USER?.trim() || null;
  return {
    host,
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : secure ? 465 : 587,
    secure,
    user,
    password: user ? (env.DUIZHAO_SMTP_PASSWORD ?? "") : null,
    from,
  };
}

/** Whether mails are sent at all (SMTP host and sender configured). */
export function mailConfigured(env: Env = process.env): boolean {
  return smtpConfig(env) !== null;
}

/**
 * What is wrong with the mail settings, for the start-up log: a host without a sender (or the
 * reverse) silently means "no mail", which an administrator should hear about.
 */
export function mailConfigProblem(env: Env = process.env): string | null {
  const host = env.DUIZHAO_SMTP_HOST?.trim();
  const from = env.DUIZHAO_MAIL_FROM?.trim();
  if (host && !from) return "DUIZHAO_SMTP_HOST is set but DUIZHAO_MAIL_FROM is not: no e-mail will be sent.";
  if (from && !host) return "DUIZHAO_MAIL_FROM is set but DUIZHAO_SMTP_HOST is not: no e-mail will be sent.";
  if (env.DUIZHAO_SMTP_PASSWORD && !env.DUIZHAO_SMTP_USER?.trim()) return "DUIZHAO_SMTP_PASSWORD is set without DUIZHAO_SMTP_USER: the password is not used.";
  return null;
}

/**
 * The site's public origin for links in mails, which are read outside any request:
 * DUIZHAO_PUBLIC_URL, else NEXTAUTH_URL (which production requires anyway), else
 * http://localhost:3000 (development). Only the origin counts, as for sign-in redirects
 * (lib/auth/redirects.ts appOrigin): the app is served at the root of its host.
 */
export function publicOrigin(env: Env = process.env): string {
  for (const value of [env.DUIZHAO_PUBLIC_URL, env.NEXTAUTH_URL]) {
    if (!value?.trim()) continue;
    try {
      return new URL(value.trim()).origin;
    } catch {
      // An unparsable value is skipped, like an unset one.
    }
  }
  return "http://localhost:3000";
}

/** An absolute link to a path of the site, for a mail: `publicUrl("/invite/abc")`. */
export function publicUrl(path: string, env: Env = process.env): string {
  // Leading slashes folded into one: "//host" would otherwise name another host.
  return new URL(`/${path.replace(/^[/\\]+/, "")}`, publicOrigin(env)).toString();
}
