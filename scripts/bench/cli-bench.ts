/**
 * `npm run bench:cli`: the command line's start-up cost — CPU time (user + system) of `duizhao
 * help` and of `duizhao qa` on a one-unit file, as a user's shell runs them, beside the floor:
 * Node starting and doing nothing (`node -e 0`), and translate-toolkit's `pofilter` on the same
 * unit when it is installed. Issue 18's targets: qa < 0.3 s, help < 0.2 s of CPU.
 *
 * CPU time, not wall time: on a shared machine the wall clock mostly measures the neighbours.
 * Each command runs under bash, whose `times` reports the CPU its finished children used (to the
 * millisecond; GNU time rounds to 10 ms).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCliBuild } from "../build-cli.mjs";
import { machineDescription, root, writeBenchmarkSection } from "./bench-server";
import { benchRuns, formatSummary, startBench, summarise, type Summary } from "./stats";

/** CPU seconds (user + system) of one run of a command, and its wall time, from bash's `times`. */
function cpuOf(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { cpu: number; wall: number } {
  // $EPOCHREALTIME is a bash variable, not a child process, so the clock itself costs no child CPU.
  const script = 'start=$EPOCHREALTIME; "$@" >/dev/null 2>&1; status=$?; end=$EPOCHREALTIME; times; echo "$status $start $end"';
  const out = execFileSync("bash", ["-c", script, "bash", command, ...args], { cwd, env, encoding: "utf8" }).trim().split("\n");
  // `times`: the shell's own user/system on one line, its children's on the next.
  const seconds = (s: string) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(s);
    if (!m) throw new Error(`unexpected \`times\` output: ${s}`);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  const [user, system] = out[1]!.split(/\s+/);
  const [status, start, end] = out[2]!.split(" ");
  if (status !== "0") throw new Error(`${command} ${args.join(" ")} exited ${status}`);
  return { cpu: seconds(user!) + seconds(system!), wall: Number(end) - Number(start) };
}

async function main() {
  const bench = startBench("cli");
  const runs = benchRuns(9);
  await ensureCliBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-cli-bench-"));
  const csv = path.join(dir, "one.csv");
  fs.writeFileSync(csv, "source,target\n今年1-5月昆山高新区完成注册内资140亿元。,\"From January to May this year, the Kunshan Hi-Tech Zone registered 14 billion yuan of domestic capital.\"\n");
  const po = path.join(dir, "one.po");
  fs.writeFileSync(
    po,
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "今年1-5月昆山高新区完成注册内资140亿元。"\nmsgstr "From January to May this year, the Kunshan Hi-Tech Zone registered 14 billion yuan of domestic capital."\n',
  );
  const duizhao = path.join(root, "scripts/duizhao.mjs");
  const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
  const hasPofilter = (() => {
    try {
      execFileSync("pofilter", ["--version"], { stdio: "pipe" });
      return true;
    } catch {
      return false;
    }
  })();

  const cases: { name: string; command: string; args: string[]; target?: string; floor?: boolean }[] = [
    { name: "floor: `node -e 0` (Node starting, doing nothing)", command: process.execPath, args: ["-e", "0"], floor: true },
    ...(hasPofilter ? [{ name: "floor: translate-toolkit `pofilter` on the same unit (PO)", command: "pofilter", args: [po, path.join(dir, "out.po")], floor: true }] : []),
    { name: "`duizhao help`", command: process.execPath, args: [duizhao, "help"], target: "< 0.2 s" },
    { name: "`duizhao qa one.csv` (one unit)", command: process.execPath, args: [duizhao, "qa", csv], target: "< 0.3 s" },
    { name: "`duizhao qa one.csv --format json`", command: process.execPath, args: [duizhao, "qa", csv, "--format", "json"] },
    { name: "`duizhao list` (opens the database through Prisma: 71-segment demo)", command: process.execPath, args: [duizhao, "list"] },
    // The same (lazily importing) code through the TypeScript loader `duizhao` used before: what precompiling saves.
    { name: "for comparison: the same `qa` through the tsx loader instead of precompiled", command: process.execPath, args: [tsx, "--tsconfig", path.join(root, "tsconfig.json"), path.join(root, "lib/cli/run.ts"), "qa", csv] },
  ];
  const results: { name: string; target?: string; cpu: Summary; wall: Summary }[] = [];
  for (const c of cases) {
    cpuOf(c.command, c.args, dir); // warm the page cache; not counted
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let run = 0; run < runs; run++) {
      const r = cpuOf(c.command, c.args, dir, { ...process.env, DUIZHAO_HOME: root });
      cpu.push(r.cpu * 1000);
      wall.push(r.wall * 1000);
    }
    results.push({ name: c.name, target: c.target, cpu: summarise(cpu), wall: summarise(wall) });
    console.log(`${c.name}: CPU ${formatSummary(summarise(cpu))}, wall ${formatSummary(summarise(wall))}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const load = bench.end();

  const body = `
## Command line (issue 18)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:cli\` on: ${machineDescription()}. ${load}
CPU time is user + system of the command's process, from bash's \`times\`; each figure is the median of ${runs} runs after one unmeasured run, with the range.

| command | CPU time | wall time | target |
| --- | ---: | ---: | ---: |
${results.map((r) => `| ${r.name} | ${formatSummary(r.cpu)} | ${formatSummary(r.wall)} | ${r.target ?? "—"} |`).join("\n")}

\`duizhao\` runs lib/cli precompiled (\`scripts/build-cli.mjs\`: esbuild bundles it into one CommonJS file; packages stay in node_modules
except the small pure-JS ones on the fast paths, papaparse and fast-xml-parser, which are compiled in), in the launcher's own process.
Each command's module is behind an \`import()\` and initialised only when that command runs, so \`help\` and \`qa\` load neither Prisma
nor exceljs, docx, mammoth or jszip (\`tests/integration/cli-build.test.ts\` checks the packages each command loads). The launcher
rebuilds first when a source file is newer than the build (one \`stat\` per source file).
Before (issue 18's measurement): \`qa\` on one unit 1.4 s of CPU; \`help\` 1.0–1.2 s on this machine (tsx, and every command's modules loaded at start).
`;
  writeBenchmarkSection("cli", body);
  console.log(body);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
