/**
 * Two `next start` instances on one PostgreSQL database behind nginx, requests spread round robin:
 * sessions hold on either instance, presence and the version check work across them; live events
 * (issue 17) cross from the instance where the change is made to the one holding a watcher's
 * stream — browsers pinned to an instance through nginx for that (tests/e2e/cluster-editors.ts).
 * Needs PostgreSQL (127.0.0.1:5432) and Debian's nginx; skipped, saying so, without them.
 */
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { nginxAvailable, preparePostgres, startCluster, type Cluster } from "../../scripts/cluster";
import { field, importOwnDocument, nextStreamInstance, notReloaded, pinnedEditor, row, saveByApi } from "./cluster-editors";
import { DEMO, signIn } from "./helpers";

const pgUp = spawnSync("pg_isready", ["-h", "127.0.0.1", "-p", "5432"], { stdio: "ignore" }).status === 0;
test.skip(!pgUp || !nginxAvailable(), "PostgreSQL on 127.0.0.1:5432 and nginx are needed for the multi-instance test");
test.describe.configure({ mode: "serial" });

// nginx's port, then the two instances' (E2E_CLUSTER_PORTS="p,a,b" when these are taken).
const PORTS = (process.env.E2E_CLUSTER_PORTS ?? "3300,3301,3302").split(",").map(Number);
let cluster: Cluster;
let database: { url: string; drop: () => Promise<void> };

test.beforeAll(async () => {
  test.setTimeout(240_000);
  database = await preparePostgres();
  cluster = await startCluster({ databaseUrl: database.url, proxyPort: PORTS[0]!, instancePorts: PORTS.slice(1) });
});
test.afterAll(async () => {
  cluster?.stop();
  await database?.drop();
});


test("the proxy spreads requests over both instances, each reaching PostgreSQL", async () => {
  const seen = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const health = (await (await fetch(`${cluster.baseUrl}/api/health`)).json()) as { status: string; dialect: string; instance: string };
    expect(health).toMatchObject({ status: "ok", dialect: "postgresql" });
    seen.add(health.instance);
  }
  expect([...seen].sort()).toEqual(["instance-1", "instance-2"]);
});

test("sessions, presence and the version check hold across instances", async ({ browser }) => {
  test.setTimeout(120_000);
  const [ctxA, ctxB] = await Promise.all([browser.newContext({ baseURL: cluster.baseUrl }), browser.newContext({ baseURL: cluster.baseUrl })]);
  const [a, b] = await Promise.all([ctxA.newPage(), ctxB.newPage()]);
  // B gets no live events here, so the version check alone must catch the clash (the live case is the next test).
  await ctxB.route("**/api/documents/*/events*", (route) => route.abort());
  await signIn(a, DEMO.translator);
  await signIn(b, DEMO.owner);
  // Many requests later (round robin), both are still signed in.
  await a.getByRole("link", { name: "Kunshan Hi-Tech Zone feature" }).click();
  await a.getByRole("link", { name: "昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌" }).first().click();
  await expect(a).toHaveURL(/\/documents\/[^/]+$/);
  const documentUrl = a.url();
  await a.goto(`${documentUrl}/edit?segment=5`);
  await b.goto(`${documentUrl.replace(cluster.baseUrl, "")}/edit?segment=5`);
  const fieldA = a.getByLabel("English translation of segment 5");
  const fieldB = b.getByLabel("English translation of segment 5");
  await expect(fieldA).toBeFocused();
  await expect(fieldB).toBeFocused();
  // Presence lives in the database: each sees the other, whichever instance answers.
  await expect(a.getByText(/Also here: Olivia Owner/)).toBeVisible({ timeout: 20_000 });
  await expect(b.getByText(/Also here: Tian Translator/)).toBeVisible({ timeout: 20_000 });

  await fieldA.fill("Kunshan Hi-Tech Zone, chasing the high and the new.");
  await fieldA.press("Control+s");
  await expect(a.getByTestId("save-state")).toHaveText("All changes saved");
  // B still edits the version it loaded: the save is refused and both texts are shown.
  await fieldB.fill("The Kunshan Hi-Tech Zone pursues high technology.");
  await fieldB.press("Control+s");
  const conflict = b.getByTestId("conflict");
  await expect(conflict).toBeVisible();
  await expect(b.getByTestId("conflict-theirs")).toHaveText("Kunshan Hi-Tech Zone, chasing the high and the new.");
  await expect(b.getByTestId("conflict-mine")).toHaveText("The Kunshan Hi-Tech Zone pursues high technology.");
  await Promise.all([ctxA.close(), ctxB.close()]);
});

test("a save on either instance reaches an editor whose live stream is held by the other (PostgreSQL LISTEN/NOTIFY)", async ({ browser }) => {
  test.setTimeout(120_000);
  const [ctxA, ctxB] = await Promise.all([browser.newContext({ baseURL: cluster.baseUrl }), browser.newContext({ baseURL: cluster.baseUrl })]);
  const [a, b] = await Promise.all([ctxA.newPage(), ctxB.newPage()]);
  await signIn(a, DEMO.owner);
  await signIn(b, DEMO.reviewer);
  await b.getByRole("link", { name: "Kunshan Hi-Tech Zone feature" }).click();
  await b.getByRole("link", { name: "昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌" }).first().click();
  // The click only starts the navigation: read the address once it is the document's.
  await expect(b).toHaveURL(/\/documents\/[^/]+$/);
  const documentUrl = b.url().replace(cluster.baseUrl, "");
  await b.goto(`${documentUrl}/edit?segment=22`);
  await expect(b.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  // B's stream is held by one instance; a save sent straight to each instance means one of them
  // must cross to the other through PostgreSQL.
  for (const [i, instance] of cluster.instanceUrls.entries()) {
    const n = 20 + i;
    const text = `Saved on instance ${i + 1}: segment ${n} of the live test.`;
    const label = `Edit translation of segment ${n}`;
    const id = await b.getByRole("button", { name: label }).evaluate((el) => el.closest("[data-segment-id]")!.getAttribute("data-segment-id")!);
    const current = (await (await a.request.get(`${instance}/api/documents/${documentUrl.split("/")[2]}/segments?from=${n - 1}&limit=1`)).json()) as { segments: { id: string; version: number }[] };
    expect(current.segments[0]!.id).toBe(id);
    const response = await a.request.post(`${instance}/api/segments/${id}/save`, { data: { target: text, baseVersion: current.segments[0]!.version, confirm: false }, headers: { origin: cluster.baseUrl } });
    expect(response.ok()).toBe(true);
    const row = b.locator(`[data-testid="editor-row"][data-segment-id="${id}"]`);
    await expect(row).toContainText(text, { timeout: 5_000 });
    await expect(row.getByTestId("live-note")).toHaveText("Olivia Owner saved");
  }
  await Promise.all([ctxA.close(), ctxB.close()]);
});

test.describe("live events across instances: the acting browser on one, the watcher's stream on the other", () => {
  // Each browser is pinned through nginx to one instance (tests/e2e/cluster-editors.ts), its live
  // stream checked to be held there: translator and owner on instance 1, reviewer on instance 2.
  const SOURCES = [
    "多实例实时协作测试文档。",
    "今年园区新增高新技术企业八十家。",
    "园区的研发投入同比增长百分之十二。",
    "集成电路产业成为园区的新增长点。",
    "园区与多所高校共建了联合实验室。",
    "这些实验室吸引了大批青年科研人员。",
    "人才公寓的建设进度超过了预期。",
    "跨境电商产业园的出口额创下新高。",
    "园区将继续优化营商环境。",
    "明年的目标是引进更多的龙头企业。",
  ];
  let documentId = "";
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    documentId = await importOwnDocument(browser, cluster, DEMO.owner, SOURCES);
  });

  test("three people: a save, an approval and a send-back, a comment and a join reach the others without a reload", async ({ browser }) => {
    test.setTimeout(240_000);
    const translator = await pinnedEditor(browser, cluster, DEMO.translator, 0, documentId);
    const reviewer = await pinnedEditor(browser, cluster, DEMO.reviewer, 1, documentId);
    const owner = await pinnedEditor(browser, cluster, DEMO.owner, 0, documentId);
    const [t, r, o] = [translator.page, reviewer.page, owner.page];

    // The translator (instance 1) confirms segment 2: the reviewer's stream (instance 2) gets it
    // through PostgreSQL, the owner's (instance 1) on the same instance.
    const text = "This year 80 new high-tech companies joined the zone.";
    await row(t, 2).getByRole("button", { name: "Edit translation of segment 2" }).click();
    await field(t, 2).fill(text);
    await field(t, 2).press("Control+Enter");
    await Promise.all(
      [r, o].map(async (page) => {
        await expect(row(page, 2).getByTestId("live-note")).toHaveText("Tian Translator saved", { timeout: 10_000 });
        await expect(row(page, 2)).toContainText(text);
        await expect(row(page, 2)).toHaveAttribute("data-status", "translated");
      }),
    );

    // The reviewer (instance 2) approves it: both on instance 1 see the status change.
    await row(r, 2).getByRole("button", { name: "Edit translation of segment 2" }).click();
    await r.getByRole("button", { name: "Approve", exact: true }).click();
    await Promise.all(
      [t, o].map(async (page) => {
        await expect(row(page, 2).getByTestId("live-note")).toHaveText("Rachel Reviewer changed the status", { timeout: 10_000 });
        await expect(row(page, 2)).toHaveAttribute("data-status", "approved");
      }),
    );
    // … and, still on it, sends it back with a comment: the translator sees it to do again.
    await r.getByRole("button", { name: "Request changes…" }).click();
    await r.getByLabel("What needs to change? (the translator sees this comment)").fill("Say which zone in the first words.");
    await r.getByRole("button", { name: "Send back" }).click();
    await expect(row(t, 2)).toHaveAttribute("data-status", "changes_requested", { timeout: 10_000 });
    await expect(row(o, 2)).toHaveAttribute("data-status", "changes_requested", { timeout: 10_000 });

    // The owner (instance 1) comments on segment 3: the reviewer's row (instance 2) counts it.
    await row(o, 3).getByRole("button", { name: "Edit translation of segment 3" }).click();
    await o.getByRole("button", { name: /^Comments \(0\)/ }).click();
    await o.getByLabel("Add a comment (Markdown, @ to mention)").fill("Is it twelve per cent in the source?");
    await o.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(row(r, 3).getByTestId("live-note")).toHaveText("Olivia Owner commented", { timeout: 10_000 });
    await expect(row(r, 3).getByTitle("1 comment")).toBeVisible();

    // The owner joins 5 and 6: the reviewer's list closes up, renumbered, no reload.
    await row(o, 5).getByRole("button", { name: "Edit translation of segment 5" }).click();
    await o.getByRole("button", { name: "Join with next" }).click();
    await Promise.all(
      [r, t].map(async (page) => {
        await expect(row(page, 5).getByTestId("live-note")).toHaveText("Olivia Owner joined segments", { timeout: 10_000 });
        await expect(row(page, 5)).toContainText(SOURCES[4]! + SOURCES[5]!);
        await expect(page.getByTestId("editor-row")).toHaveCount(SOURCES.length - 1);
        await expect(row(page, 6)).toContainText(SOURCES[6]!);
      }),
    );
    for (const page of [t, r, o]) await notReloaded(page);
    await Promise.all([translator.context.close(), reviewer.context.close(), owner.context.close()]);
  });

  test("the editing-clash banner: a save on instance 1 reaches the segment being typed in on instance 2", async ({ browser }) => {
    test.setTimeout(120_000);
    const translator = await pinnedEditor(browser, cluster, DEMO.translator, 0, documentId);
    const reviewer = await pinnedEditor(browser, cluster, DEMO.reviewer, 1, documentId, 6);
    const r = reviewer.page;
    // The reviewer's saves fail while typing (as in live-collaboration.spec.ts), so their text is
    // certainly unsaved when the translator's save arrives.
    await reviewer.context.route("**/api/segments/*/save", (route) => route.abort());
    const mine = "Talent flats are being built faster than planned.";
    const theirs = "Construction of the talent apartments is ahead of schedule.";
    await field(r, 6).fill(mine);
    await expect(r.getByTestId("save-state")).toContainText("Offline");
    await saveByApi(translator.context.request, cluster, documentId, 6, theirs);
    const banner = r.getByTestId("conflict");
    await expect(banner).toBeVisible({ timeout: 10_000 });
    await expect(banner).toHaveAttribute("data-live", "true");
    await expect(banner).toContainText("Tian Translator just saved this segment");
    await expect(r.getByTestId("conflict-theirs")).toHaveText(theirs);
    await expect(r.getByTestId("conflict-mine")).toHaveText(mine);
    await banner.getByRole("button", { name: "Take theirs" }).click();
    await expect(banner).toHaveCount(0);
    await expect(field(r, 6)).toHaveValue(theirs);
    await notReloaded(r);
    await Promise.all([translator.context.close(), reviewer.context.close()]);
  });

  test("cut off from the network, a browser is replayed what was saved on the other instance meanwhile, then goes on live", async ({ browser }) => {
    test.setTimeout(120_000);
    const translator = await pinnedEditor(browser, cluster, DEMO.translator, 0, documentId);
    const reviewer = await pinnedEditor(browser, cluster, DEMO.reviewer, 1, documentId);
    const r = reviewer.page;
    await reviewer.context.setOffline(true);
    await expect(r.getByTestId("live-state")).toHaveAttribute("data-state", "reconnecting");
    const t = translator.context.request;
    await saveByApi(t, cluster, documentId, 7, "Exports from the cross-border park hit a record.");
    await saveByApi(t, cluster, documentId, 8, "The zone will keep improving its business environment.");
    await expect(row(r, 7)).not.toContainText("cross-border park");
    // Back: the stream re-opens on instance 2 again (checked) and is replayed both from the database.
    const held = await nextStreamInstance(cluster, r, () => reviewer.context.setOffline(false));
    expect(held).toBe(1);
    await expect(r.getByTestId("live-state")).toHaveAttribute("data-state", "live", { timeout: 15_000 });
    await expect(row(r, 7)).toContainText("Exports from the cross-border park hit a record.", { timeout: 10_000 });
    await expect(row(r, 8)).toContainText("The zone will keep improving its business environment.");
    await expect(row(r, 8).getByTestId("live-note")).toHaveText("Tian Translator saved");
    // And on live: the next save from instance 1 arrives as it happens.
    await saveByApi(t, cluster, documentId, 9, "Next year it aims to bring in more leading companies.");
    await expect(row(r, 9)).toContainText("Next year it aims to bring in more leading companies.", { timeout: 10_000 });
    await notReloaded(r);
    await Promise.all([translator.context.close(), reviewer.context.close()]);
  });
});

test("a viewer removed from the project, and an editor whose session signs out, stop receiving at once, whichever instance holds their stream", async ({ browser }) => {
  test.setTimeout(180_000);
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ baseURL: cluster.baseUrl })));
  const [owner, viewer, reviewer] = await Promise.all(contexts.map((c) => c.newPage()));
  await signIn(owner!, DEMO.owner);
  await signIn(viewer!, DEMO.translator);
  await signIn(reviewer!, DEMO.reviewer);
  await owner!.getByRole("link", { name: "Kunshan Hi-Tech Zone feature" }).click();
  await expect(owner!).toHaveURL(/\/projects\/[^/]+$/);
  const projectUrl = owner!.url().replace(cluster.baseUrl, "");
  await owner!.getByRole("link", { name: "昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌" }).first().click();
  await expect(owner!).toHaveURL(/\/documents\/[^/]+$/);
  const documentId = owner!.url().split("/").pop()!;

  // The translator becomes a viewer (the owner's change, on whichever instance serves it).
  await owner!.goto(`${projectUrl}/members`);
  await owner!.getByLabel("Role of Tian Translator").selectOption("viewer");
  await expect(owner!.getByLabel("Role of Tian Translator")).toHaveValue("viewer");

  const editors = [viewer!, reviewer!];
  for (const page of editors) {
    await page.goto(`/documents/${documentId}/edit?segment=40`);
    await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  }
  // A save reaches both first (their streams work).
  const save = async (n: number, text: string) => {
    const current = (await (await owner!.request.get(`/api/documents/${documentId}/segments?from=${n - 1}&limit=1`)).json()) as { segments: { id: string; version: number }[] };
    const segment = current.segments[0]!;
    const response = await owner!.request.post(`/api/segments/${segment.id}/save`, { data: { target: text, baseVersion: segment.version, confirm: false }, headers: { origin: cluster.baseUrl } });
    expect(response.ok()).toBe(true);
    return segment.id;
  };
  const rowOf = (page: typeof owner, id: string) => page!.locator(`[data-testid="editor-row"][data-segment-id="${id}"]`);
  const first = await save(38, "Both editors still hear this save.");
  for (const page of editors) await expect(rowOf(page, first)).toContainText("Both editors still hear this save.", { timeout: 5_000 });

  // The owner removes the viewer: their stream closes without waiting for the next event (no
  // event is written meanwhile), and reopening it is refused.
  owner!.once("dialog", (dialog) => void dialog.accept());
  await owner!.getByRole("row", { name: /Tian Translator/ }).getByRole("button", { name: "Remove" }).click();
  await expect(owner!.getByRole("row", { name: /Tian Translator/ })).toHaveCount(0);
  // Its stream ends with an `ended` event: the page stops for good and says why.
  await expect(viewer!.getByTestId("live-state")).toHaveAttribute("data-state", "noAccess", { timeout: 5_000 });

  // The reviewer signs out in another tab: the editor's stream closes too.
  const other = await contexts[2]!.newPage();
  await other.goto("/logout");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/login/);
  await expect(reviewer!.getByTestId("live-state")).toHaveAttribute("data-state", "signedOut", { timeout: 5_000 });

  // A later save reaches neither.
  const second = await save(39, "Nobody cut off hears this save.");
  await owner!.waitForTimeout(3_000);
  for (const page of editors) {
    await expect(rowOf(page, second)).not.toContainText("Nobody cut off hears this save.");
    await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", /^(noAccess|signedOut)$/);
  }
  await Promise.all(contexts.map((c) => c.close()));
});
