/**
 * GET /api/jobs/:id, polled by the page that started a long operation: the progress for the person
 * who started it; "nothing yet" (204, not an error the browser logs) before the job exists — the
 * page polls from the moment it sends the request, before the server has read it — and for
 * anyone else's job alike.
 */
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { startJob } = await import("@/lib/jobs/registry");
const { GET } = await import("@/app/api/jobs/[jobId]/route");

const ann: SessionUser = { id: "user-ann", email: "ann@jobs.example", name: "Ann", isAdmin: false };
const bob: SessionUser = { id: "user-bob", email: "bob@jobs.example", name: "Bob", isAdmin: false };
const poll = (jobId: string) => GET(new Request(`http://localhost/api/jobs/${jobId}`), { params: Promise.resolve({ jobId }) });

describe("GET /api/jobs/:id", () => {
  it("answers 204 before the job has started, then its progress to its owner only", async () => {
    currentUser = ann;
    const id = "job-route-0001";
    const before = await poll(id);
    expect(before.status).toBe(204);
    expect(await before.text()).toBe("");

    const job = startJob(id, ann.id, "test");
    job.phase("addingSegments", 10);
    job.progress(4);
    const during = await poll(id);
    expect(during.status).toBe(200);
    expect(await during.json()).toMatchObject({ id, phase: "addingSegments", done: 4, total: 10, state: "running" });

    // Someone else's job is indistinguishable from one that does not exist.
    currentUser = bob;
    expect((await poll(id)).status).toBe(204);

    currentUser = ann;
    job.finish();
    expect(await (await poll(id)).json()).toMatchObject({ state: "done", done: 10 });
  });

  it("refuses the signed-out (401) and an id the page never makes (404)", async () => {
    currentUser = null;
    expect((await poll("job-route-0002")).status).toBe(401);
    currentUser = ann;
    expect((await poll("not/an id")).status).toBe(404);
  });
});
