/**
 * Issue 13 ("the server never stalls"): the re-import apply gives the event loop a turn before each
 * chunk of its work — each page it reads, each slice it writes (the first included) — so that
 * other requests are answered between them. With SQLite every query of the apply resolves as a
 * microtask (better-sqlite3 is synchronous): without those turns the end of one phase and the
 * start of the next ran as one stretch, which in a freshly started server (cold code) held the
 * loop ~80 ms while the editors' saves waited. Observed here by what a timer, or a query it
 * starts, sees between the apply's chunks.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { applyChanges, listedChanges } from "@/lib/exchange/apply-changes";
import { planTranslations } from "@/lib/exchange/apply-translations";
import { applyKeptPlan, keepPlan } from "@/lib/exchange/reimport-plans";
import { fencedReason } from "@/lib/jobs/fence";
import type { JobHandle } from "@/lib/jobs/registry";
import { noJob, translatedDocument } from "../support/long-operations";

vi.setConfig({ testTimeout: 120_000 });

let projectId: string;
const actor = { id: "", isAdmin: false };

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Apply turns" } })).id;
  actor.id = (await prisma.user.create({ data: { email: "owner@turns.example", name: "Owner", passwordHash: "x" } })).id;
});

/** Counts the turns of the event loop: a callback re-armed with setImmediate, until stopped. */
function turnCounter() {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => void (running = false),
  };
}

// PostgreSQL's queries are asynchronous anyway (and its apply is one transaction): the turns matter for SQLite.
describe.skipIf(dialect !== "sqlite")("the re-import apply gives the event loop a turn between its chunks", () => {
  it("a timer due as a one-page apply starts runs before anything is fenced or written", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 60);
    const incoming = ids.map((segmentId, i) => ({ segmentId, target: `From the file ${i + 1}.`, exportedVersion: 1 }));
    const { summary } = await keepPlan({ documentId, userId: actor.id, fileName: "back.xlf", plan: await planTranslations(documentId, incoming, actor, "owner") });
    const applying = applyKeptPlan({ planId: summary.planId, documentId, actor, role: "owner", excluded: [], included: [] }, noJob);
    // Set after the apply began (its first stretch ran up to its first await): runs at its first turn.
    const seen = new Promise<{ fenced: string | null; written: number }>((resolve) =>
      setImmediate(() => {
        const fenced = fencedReason(ids[0]!);
        // A query started from the timer (another request's read) is answered within this turn.
        void prisma.revision.count({ where: { documentId, kind: "edit" } }).then((written) => resolve({ fenced, written }));
      }),
    );
    expect(await applying).toEqual({ applied: 60 });
    expect(await seen).toEqual({ fenced: null, written: 0 });
    expect(await prisma.revision.count({ where: { documentId, kind: "edit" } })).toBe(60);
  });

  it("every slice is written after a turn of the event loop, the first included", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 300);
    const changes = ids.map((segmentId, i) => ({ segmentId, version: 1, target: `Paragraph ${i + 1}, revised.` }));
    const counter = turnCounter();
    let phase = "";
    let checked = -1;
    const turnsAtSlice: number[] = [];
    const job: JobHandle = {
      ...noJob,
      phase: (p) => void (phase = p),
      progress: () => {
        if (phase === "checking") checked = counter.turns;
        if (phase === "applying") turnsAtSlice.push(counter.turns);
      },
    };
    try {
      expect(await applyChanges({ documentId, actor, role: "owner", origin: "upload:back.xlf" }, listedChanges(changes), job)).toEqual({ applied: 300 });
    } finally {
      counter.stop();
    }
    expect(turnsAtSlice.length).toBeGreaterThan(1);
    // The turns seen when each slice was written: more than when the checking ended, and more at each slice than at the one before.
    const gaps = [checked, ...turnsAtSlice].slice(1).map((turns, i) => turns - [checked, ...turnsAtSlice][i]!);
    expect(gaps.filter((gap) => gap < 1)).toEqual([]);
  });

  it("another request's query, started by a timer as the checking ends, is answered before the first slice is written", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 150);
    const other = await translatedDocument(projectId, 3);
    const changes = ids.map((segmentId, i) => ({ segmentId, version: 1, target: `Paragraph ${i + 1}, again.` }));
    const order: string[] = [];
    let phase = "";
    let started = false;
    const job: JobHandle = {
      ...noJob,
      phase: (p) => void (phase = p),
      progress: (done) => {
        if (phase === "checking" && !started) {
          started = true;
          // An editor's read of their own document, as a request arriving now would make it.
          setImmediate(() => void prisma.segment.findMany({ where: { documentId: other.documentId } }).then(() => order.push("other request answered")));
        }
        if (phase === "applying") order.push(`slice written (${done})`);
      },
    };
    expect(await applyChanges({ documentId, actor, role: "owner", origin: "upload:back.xlf" }, listedChanges(changes), job)).toEqual({ applied: 150 });
    expect(order[0]).toBe("other request answered");
    expect(order.at(-1)).toBe("slice written (150)");
  });
});
