import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isExportFormat, EXPORT_FORMAT_KEYS } from "@/lib/exchange/format-ids";
import { chooseTarget, type RemoteOptions } from "./remote/target";

// Each command's module is imported only when that command runs: the heavy libraries behind
// them (Prisma and the database driver, exceljs, docx, mammoth, jszip) would otherwise cost every
// run — `help` and `qa` included — most of a second of CPU. scripts/build-cli.mjs bundles this
// file with code splitting, so each `import()` below is a chunk of its own.

const USAGE = `Usage: duizhao <command> [options]

Commands:
  import <file> --project <name|id>   Import a new document: Chinese source (.txt, .md, .docx) or a bilingual
                                      file with its translations (.xlf/.xliff 1.2 or 2.0, .tmx, .csv, .xlsx).
        [--title <title>]             Document title (default: the article title found in the text)
        [--no-joins]                  Do not apply the proposed page-break joins (default: apply all)
  export <document id|title>          Export a document (a version is saved for each export).
        --format <f>                  docx-review, docx-target, xliff-1.2, xliff-2.0, tmx, csv, xlsx, html, txt, md
        [--out <file>]                Output file (default: the title and the format's extension)
        [--approved]                  Approved segments only
        [--no-comments]               Leave comments out
  qa <file> [--glossary <g.csv|g.tbx>] Run the QA checks on an XLIFF, TMX or CSV file (header: source,target).
        [--format json|text]          JSON: [{ index, id, findings: [{ check, severity, message }] }]
        [--strict]                    Exit 1 when any finding is an error
        [--spelling en-US|en-GB|off]  The spelling check's dictionary (default en-US); glossary English is known
        [--dictionary <words.txt>]    More known words (names, jargon): one a line, # for comments
  backup <file>                       Back the database up (SQLite online backup; pg_dump for PostgreSQL).
  restore <file>                      Replace the database with a backup (stop the app first).
  list                                List projects and their documents with progress.
  user create --email <e> --name <n>  Create an account. The password is read from standard input
        [--admin]                     (one line) or, on a terminal, generated and printed once.
  user password --email <e>           Set a new password (read or generated the same way); every
                                      session of the account ends.
  help                                Show this help.

The database is DATABASE_URL (default: file:data/duizhao.db in the project).

Remote: import, export, list and qa also work against a Duizhao server through its API, acting as
the token's user: add --server <https://…> --token <dzp_…> (or set DUIZHAO_SERVER and DUIZHAO_TOKEN;
the environment keeps the token out of process lists). With a server, qa checks a document there
(<document id|title>) with its project's glossary, as the QA panel does.`;

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIO: CliIO = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Runs one CLI command and returns the process exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[], io: CliIO = consoleIO, env: Record<string, string | undefined> = process.env): Promise<number> {
  const target = chooseTarget(argv, env);
  if (target.kind === "usage") {
    io.err(`${target.message} \`duizhao help\` shows the usage.`);
    return 2;
  }
  const remote: RemoteOptions | null = target.kind === "remote" ? target.remote : null;
  const [command, ...rest] = target.argv;
  try {
    if (command === "import") {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { project: { type: "string" }, title: { type: "string" }, "no-joins": { type: "boolean" } },
      });
      const [file] = positionals;
      if (!file || !values.project) {
        io.err("import needs a file and --project.\n\n" + USAGE);
        return 2;
      }
      const filePath = path.resolve(file);
      if (!fs.existsSync(filePath)) {
        io.err(`No such file: ${file}`);
        return 1;
      }
      const project = values.project;
      if (remote) {
        const { runRemote, remoteImport } = await import("./remote/remote-commands");
        return await runRemote(io, remote, (session) => remoteImport(session, { filePath, project, title: values.title, applyJoins: !values["no-joins"] }));
      }
      const { runImport } = await import("./import-command");
      return await withDatabase(() => runImport(io, { filePath, project, title: values.title, applyJoins: !values["no-joins"] }));
    }
    if (command === "export") {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { format: { type: "string" }, out: { type: "string" }, approved: { type: "boolean" }, "no-comments": { type: "boolean" } },
      });
      const [document] = positionals;
      if (!document || !values.format) {
        io.err("export needs a document and --format.\n\n" + USAGE);
        return 2;
      }
      const format = values.format;
      if (!isExportFormat(format)) {
        io.err(`Unknown format "${format}". Formats: ${Object.keys(EXPORT_FORMAT_KEYS).join(", ")}.`);
        return 2;
      }
      if (remote) {
        const { runRemote, remoteExport } = await import("./remote/remote-commands");
        return await runRemote(io, remote, (session) => remoteExport(session, { document, format, out: values.out, approved: values.approved === true, comments: !values["no-comments"] }));
      }
      const { runExport } = await import("./export-command");
      return await withDatabase(() => runExport(io, { document, format, out: values.out, approved: values.approved === true, comments: !values["no-comments"] }));
    }
    if (command === "qa") {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { glossary: { type: "string" }, format: { type: "string" }, strict: { type: "boolean" }, spelling: { type: "string" }, dictionary: { type: "string" } },
      });
      const [file] = positionals;
      if (!file || (values.format && !["json", "text"].includes(values.format)) || (values.spelling && !["en-US", "en-GB", "off"].includes(values.spelling))) {
        io.err("qa needs a file (and --format json or text, --spelling en-US, en-GB or off).\n\n" + USAGE);
        return 2;
      }
      if (remote) {
        if (values.glossary || values.dictionary || values.spelling) {
          io.err("With --server, qa checks a document on the server with its project's glossary: --glossary, --dictionary and --spelling are for local files.\n\n" + USAGE);
          return 2;
        }
        if (fs.existsSync(path.resolve(file)) && fs.statSync(path.resolve(file)).isFile()) {
          io.err(`With --server, qa checks a document on the server (its id or title); ${file} is a local file: leave out --server (and DUIZHAO_SERVER) to check it.`);
          return 2;
        }
        const { runRemote, remoteQa } = await import("./remote/remote-commands");
        return await runRemote(io, remote, (session) => remoteQa(session, { document: file, format: values.format ?? "text", strict: values.strict === true }));
      }
      for (const f of [file, values.glossary, values.dictionary].filter((x): x is string => !!x)) {
        if (!fs.existsSync(path.resolve(f))) {
          io.err(`No such file: ${f}`);
          return 1;
        }
      }
      const { runQa } = await import("./qa-command");
      return await runQa(io, {
        file: path.resolve(file),
        glossary: values.glossary && path.resolve(values.glossary),
        format: values.format ?? "text",
        strict: values.strict === true,
        spelling: (values.spelling ?? "en-US") as "en-US" | "en-GB" | "off",
        dictionary: values.dictionary && path.resolve(values.dictionary),
      });
    }
    if (remote && (command === "backup" || command === "restore" || command === "user")) {
      io.err(`"${command}" works on this machine's database only: leave out --server (and unset DUIZHAO_SERVER).`);
      return 2;
    }
    if (command === "backup" || command === "restore") {
      const [file] = rest;
      if (!file) {
        io.err(`${command} needs a file.\n\n${USAGE}`);
        return 2;
      }
      const { runBackup, runRestore } = await import("./backup-command");
      return command === "backup" ? await runBackup(io, file) : await runRestore(io, file);
    }
    if (command === "list") {
      if (remote) {
        const { runRemote, remoteList } = await import("./remote/remote-commands");
        return await runRemote(io, remote, remoteList);
      }
      const { runList } = await import("./list-command");
      return await withDatabase(() => runList(io));
    }
    if (command === "user") {
      const [sub, ...args] = rest;
      const { values } = parseArgs({ args, options: { email: { type: "string" }, name: { type: "string" }, admin: { type: "boolean" } } });
      if (sub === "password" && values.email) {
        const { runUserPassword } = await import("./user-command");
        const { email } = values;
        return await withDatabase(() => runUserPassword(io, { email }));
      }
      if (sub !== "create" || !values.email || !values.name) {
        io.err("user create needs --email and --name; user password needs --email.\n\n" + USAGE);
        return 2;
      }
      const { runUserCreate } = await import("./user-command");
      const { email, name } = values;
      return await withDatabase(() => runUserCreate(io, { email, name, admin: values.admin === true }));
    }
    if (!command || command === "help" || command === "--help" || command === "-h") {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  } catch (error) {
    // Imported only here: its module loads the message catalogs and their formatter, which `help` never needs.
    const { ImportError } = await import("@/lib/documents/import-error");
    if (error instanceof ImportError) {
      io.err(`Import refused: ${error.message} Nothing was created.`);
      return 1;
    }
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/** Runs a command that uses the database, and closes the connection after it (so the process can exit). */
async function withDatabase(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } finally {
    const { prisma } = await import("@/lib/db");
    await prisma.$disconnect();
  }
}
