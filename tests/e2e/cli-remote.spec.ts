/**
 * `duizhao --server URL --token T` (issue 19): the built command line against the built app, as
 * a newsroom's script would run it. import, list, qa and export go through API v1 with the
 * token's rights; the process is given a DATABASE_URL that cannot be opened, so nothing here
 * touches a database but the server's. Refusals are one clear sentence and exit code 1; usage
 * mistakes exit 2, as in the local mode.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, ORIGIN, createApiToken } from "./helpers";

const root = path.join(__dirname, "../..");
const PROJECT = "Kunshan Hi-Tech Zone feature";
// Remote commands never open a database: this one does not exist and cannot be created.
const NO_DATABASE = "file:/nonexistent-duizhao-dir/never.db";

function duizhao(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [path.join(root, "scripts/duizhao.mjs"), ...args], {
    cwd: options.cwd ?? root,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: NO_DATABASE, DUIZHAO_SERVER: "", DUIZHAO_TOKEN: "", ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("import, list, qa and export against the server with a token; bad tokens and scopes are clear refusals", async ({ request }) => {
  test.setTimeout(240_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-cli-remote-"));
  const token = createApiToken(DEMO.owner.email, ["read", "write", "review", "admin"], "CLI remote");
  const remote = ["--server", ORIGIN, "--token", token];
  const title = `CLI remote ${Date.now().toString(36)}`;

  // import: the seed article (GB18030), joins applied as in the local mode.
  const imported = duizhao(["import", path.join(root, "tests/fixtures/seed.gb18030.txt"), "--project", PROJECT, "--title", title, ...remote]);
  expect(imported.stderr).toBe("");
  expect(imported.status).toBe(0);
  expect(imported.stdout).toContain(`Imported "${title}" into "${PROJECT}" on ${ORIGIN}: 71 segments (71 untranslated).`);
  const documentId = /Document id: (\S+)/.exec(imported.stdout)![1]!;

  // list, with the server and token from the environment instead of flags.
  const listed = duizhao(["list"], { env: { DUIZHAO_SERVER: ORIGIN, DUIZHAO_TOKEN: token } });
  expect(listed.status).toBe(0);
  expect(listed.stdout).toMatch(new RegExp(`^${PROJECT}  \\[\\w+\\]  zh-CN→en-US  \\d+ document\\(s\\)$`, "m"));
  expect(listed.stdout).toContain(`  ${title}  [${documentId}]  71 segments: 71 untranslated, 0 in translation, 0 reviewed/approved`);

  // Two segments translated through the API: one well, one with the Chinese pasted in (a QA error).
  const auth = { authorization: `Bearer ${token}` };
  const page = (await (await request.get(`/api/v1/documents/${documentId}/segments?limit=3`, { headers: auth })).json()) as { segments: { id: string; source: string; version: number }[] };
  const [first, second] = page.segments;
  for (const [segment, target] of [[first!, "The 100th Anniversary of the Founding of the Communist Party of China"], [second!, second!.source]] as const) {
    const saved = await request.put(`/api/v1/segments/${segment.id}/target`, { headers: auth, data: { target, baseVersion: segment.version, confirm: true } });
    expect(saved.status()).toBe(200);
  }

  // qa: the server's checks on the stored document, by title; JSON in the local mode's shape.
  const qa = duizhao(["qa", title, "--format", "json", ...remote]);
  expect(qa.status).toBe(0);
  const results = JSON.parse(qa.stdout) as { index: number; id: string; findings: { check: string; severity: string; message: string }[] }[];
  expect(results.map((r) => r.id)).toEqual([first!.id, second!.id]); // untranslated segments are not checked
  expect(results[1]).toMatchObject({ index: 1, findings: expect.arrayContaining([expect.objectContaining({ check: "source-copied", severity: "error" })]) });
  expect(results[0]!.findings.map((f) => f.check)).not.toContain("source-copied");
  const strict = duizhao(["qa", documentId, "--strict", ...remote]);
  expect(strict.status).toBe(1);
  expect(strict.stdout).toContain(`1\t${second!.id}\terror\tsource-copied\t`);
  expect(strict.stderr).toContain("2 of 71 segments checked");

  // export: XLIFF to a named file, streamed; DOCX under the server's file name in the working directory.
  const xliffFile = path.join(work, "out.xlf");
  const xliff = duizhao(["export", documentId, "--format", "xliff-1.2", "--out", xliffFile, ...remote]);
  expect(xliff.stderr).toBe("");
  expect(xliff.status).toBe(0);
  expect(xliff.stdout).toMatch(new RegExp(`^Exported 71 segments of "${title}" from ${ORIGIN} as xliff-1.2 to ${xliffFile} \\(version “.+”\\)\\.$`, "m"));
  const xml = fs.readFileSync(xliffFile, "utf8");
  expect(xml).toContain("<xliff");
  expect(xml.match(/<trans-unit/g)).toHaveLength(71);
  expect(xml).toContain("The 100th Anniversary of the Founding of the Communist Party of China");
  const docx = duizhao(["export", title, "--format", "docx-review", ...remote], { cwd: work });
  expect(docx.status).toBe(0);
  const docxFile = path.join(work, `${title} (review).docx`);
  expect(docx.stdout).toContain(`to ${docxFile}`);
  expect(fs.readFileSync(docxFile).subarray(0, 2).toString("latin1")).toBe("PK");
  expect(fs.readdirSync(work).filter((f) => f.endsWith(".part"))).toEqual([]);

  // A token the server does not know: one sentence naming the fix, exit 1.
  const badToken = duizhao(["list", "--server", ORIGIN, "--token", `dzp_${"x".repeat(43)}`]);
  expect(badToken.status).toBe(1);
  expect(badToken.stderr.trim()).toBe(`${ORIGIN} did not accept the token: it is unknown, expired or revoked. Create one on ${ORIGIN}/account and pass it with --token or DUIZHAO_TOKEN.`);
  expect(badToken.stdout).toBe("");

  // A read-only token may list but not import: the scope is named; nothing is created.
  const readOnly = createApiToken(DEMO.owner.email, ["read"], "CLI read-only");
  const refused = duizhao(["import", path.join(root, "tests/fixtures/seed.gb18030.txt"), "--project", PROJECT, "--title", `${title} (refused)`, "--server", ORIGIN, "--token", readOnly]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain(`needs a token with the "write" scope, and this token does not have it.`);
  expect(duizhao(["list", "--server", ORIGIN, "--token", readOnly]).stdout).not.toContain(`${title} (refused)`);

  // The translator may read the document but not export it (owners only, as in the app): 403 in words.
  const translatorToken = createApiToken(DEMO.translator.email, ["read", "write"], "CLI translator");
  const notOwner = duizhao(["export", documentId, "--format", "txt", "--out", path.join(work, "no.txt"), "--server", ORIGIN, "--token", translatorToken]);
  expect(notOwner.status).toBe(1);
  expect(notOwner.stderr).toMatch(/^Export of ".+" is not allowed for this token's user \(the server says: .+\)\.\n$/);
  expect(fs.existsSync(path.join(work, "no.txt"))).toBe(false);

  // Unknown document and project: named, exit 1.
  const missing = duizhao(["export", "no such document", "--format", "txt", ...remote]);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain(`No document with id or title "no such document" on ${ORIGIN} that this token can see.`);
  const noProject = duizhao(["import", path.join(root, "tests/fixtures/seed.gb18030.txt"), "--project", "No such project", ...remote]);
  expect(noProject.status).toBe(1);
  expect(noProject.stderr).toContain(`No project named "No such project" on ${ORIGIN}`);

  // Usage mistakes exit 2 before anything is sent.
  expect(duizhao(["list", "--server", ORIGIN]).status).toBe(2);
  expect(duizhao(["qa", path.join(root, "tests/fixtures/qa-sample.csv"), ...remote]).stderr).toContain("is a local file: leave out --server");
  expect(duizhao(["backup", path.join(work, "b.db"), ...remote]).status).toBe(2);
  expect(duizhao(["export", documentId, "--format", "pdf", ...remote]).status).toBe(2);
  fs.rmSync(work, { recursive: true, force: true });
});
