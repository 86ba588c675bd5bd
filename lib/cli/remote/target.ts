/**
 * Which database a command works on: this machine's (DATABASE_URL), or a remote Duizhao's through
 * its API (`--server URL --token T`, or DUIZHAO_SERVER / DUIZHAO_TOKEN). No imports: every
 * command reads this, `help` included.
 */

export interface RemoteOptions {
  /** The server's address as given, without a trailing slash or /api/v1: what messages show. */
  server: string;
  token: string;
}

/** What the command line asked for: the local database, a remote server, or a usage mistake. */
export type Target = { kind: "local"; argv: string[] } | { kind: "remote"; argv: string[]; remote: RemoteOptions } | { kind: "usage"; message: string };

const FLAGS = ["server", "token"] as const;

/**
 * Takes --server and --token out of the arguments (anywhere, `--server URL` or `--server=URL`),
 * falling back to DUIZHAO_SERVER and DUIZHAO_TOKEN. One without the other is a usage mistake:
 * a token must never be sent to a server the user did not name, nor a server called without one.
 */
export function chooseTarget(argv: string[], env: Record<string, string | undefined> = process.env): Target {
  const given: Partial<Record<(typeof FLAGS)[number], string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = FLAGS.find((f) => arg === `--${f}` || arg.startsWith(`--${f}=`));
    if (!flag) {
      rest.push(arg);
      continue;
    }
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
    if (value === undefined || value === "" || (!arg.includes("=") && value.startsWith("--"))) return { kind: "usage", message: `--${flag} needs a value.` };
    given[flag] = value;
  }
  const server = given.server ?? (env.DUIZHAO_SERVER || undefined);
  const token = given.token ?? (env.DUIZHAO_TOKEN || undefined);
  if (!server && !token) return { kind: "local", argv: rest };
  if (!server) return { kind: "usage", message: "A token was given (--token or DUIZHAO_TOKEN) but no server: add --server URL or set DUIZHAO_SERVER." };
  if (!token) return { kind: "usage", message: `No token for ${server}: add --token T or set DUIZHAO_TOKEN (create one on your account page, ${server.replace(/\/+$/, "")}/account).` };
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return { kind: "usage", message: `--server must be an address such as https://duizhao.example.com, not "${server}".` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { kind: "usage", message: `--server must be an http:// or https:// address, not "${server}".` };
  if (url.search || url.hash || url.username) return { kind: "usage", message: `--server is the site's address without a query, fragment or user name, not "${server}".` };
  const base = `${url.origin}${url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "")}`;
  return { kind: "remote", argv: rest, remote: { server: base, token } };
}

