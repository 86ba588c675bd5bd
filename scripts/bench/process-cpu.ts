/**
 * CPU time used by this bench's own child processes (the app's server, Chromium's processes),
 * read from /proc (Linux; elsewhere `cpuAvailable` is false and the figures are left out).
 *
 * Why: on a 2-core machine the editor's cold load is bounded by CPU, not by waiting — the browser
 * and the server share the cores. Wall-clock times alone cannot show that; the CPU each side used
 * during a load, beside its wall-clock time, can ("cores busy" near 2 means nothing was waiting).
 * A process's figures include its threads that have ended (the kernel adds them to the process),
 * so a worker that finished is still counted; a process that ended between two samples is not.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export const cpuAvailable = fs.existsSync("/proc/self/stat");

/** Clock ticks per second of /proc's utime and stime (USER_HZ). */
const TICKS = (() => {
  if (!cpuAvailable) return 100;
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU milliseconds by group: "server", "browser: renderer", "browser: gpu-process"… */
export type CpuByGroup = Record<string, number>;

interface ProcessInfo {
  pid: number;
  ppid: number;
  cpuMs: number;
}

/** pid and parent pid and CPU so far of a process; null when it has ended. */
function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (in parentheses) may hold spaces: the fields follow its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS };
  } catch {
    return null; // ended while being read
  }
}

/** Every process's children, by parent pid. */
function processTree(): Map<number, ProcessInfo[]> {
  const children = new Map<number, ProcessInfo[]>();
  if (!cpuAvailable) return children;
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProcess(Number(name));
    if (p) (children.get(p.ppid) ?? children.set(p.ppid, []).get(p.ppid)!).push(p);
  }
  return children;
}

/** The processes started under `root` (children, theirs, and so on). */
export function descendants(root: number): number[] {
  const children = processTree();
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) out.push(child.pid), walk(child.pid);
  };
  walk(root);
  return out;
}

/** CPU seconds (user + system) used so far by these processes (those that ended count 0). */
export function cpuSecondsOf(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (readProcess(pid)?.cpuMs ?? 0), 0) / 1000;
}

function groupOf(pid: number): string {
  let command = "";
  try {
    command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    // ended: counted as "other"
  }
  if (/chrom(e|ium)/.test(command)) {
    const type = /--type=([\w-]+)/.exec(command)?.[1];
    const utility = /--utility-sub-type=[\w.]*?(\w+)\.mojom/.exec(command)?.[1];
    return `browser: ${type === "utility" && utility ? utility.toLowerCase() : (type ?? "browser process")}`;
  }
  return /start-server\.mjs/.test(command) ? "server" : "other";
}

/** The CPU used so far by every process descended from this one, by group. */
export function childrenCpu(): CpuByGroup {
  const children = processTree();
  const out: CpuByGroup = {};
  // Chromium's processes each get their own group (renderers are the zygote's children); what the
  // server starts counts as the server.
  const walk = (pid: number, group: string | null) => {
    for (const child of children.get(pid) ?? []) {
      const g = group ?? groupOf(child.pid);
      out[g] = (out[g] ?? 0) + child.cpuMs;
      walk(child.pid, g === "server" ? "server" : null);
    }
  };
  walk(process.pid, null);
  return out;
}

/** What each group used between two samples (groups that appeared count from 0). */
export function cpuBetween(before: CpuByGroup, after: CpuByGroup): CpuByGroup {
  const out: CpuByGroup = {};
  for (const [group, ms] of Object.entries(after)) out[group] = Math.max(0, ms - (before[group] ?? 0));
  return out;
}

/** The server's, the browser's (all its processes), its renderer's, and the server and browser together. */
export function cpuTotals(used: CpuByGroup): { server: number; browser: number; renderer: number; total: number } {
  let server = 0;
  let browser = 0;
  for (const [group, ms] of Object.entries(used)) {
    if (group === "server") server += ms;
    else if (group.startsWith("browser")) browser += ms;
  }
  return { server, browser, renderer: used["browser: renderer"] ?? 0, total: server + browser };
}
