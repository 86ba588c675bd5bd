/**
 * For the multi-instance spec: browsers pinned to one instance of the cluster (scripts/cluster.ts)
 * through nginx, so a test knows which instance holds whose live stream; and the set-up its live
 * tests share (a document of their own, saves through the API).
 */
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { PIN_HEADER, UPSTREAM_HEADER, type Cluster } from "../../scripts/cluster";
import { signIn } from "./helpers";

export interface PinnedEditor {
  context: BrowserContext;
  page: Page;
  /** 0-based index into cluster.instanceUrls. */
  instance: number;
}

const EVENTS_URL = /\/api\/documents\/[^/]+\/events/;

/** The instance (0-based) that served a response through nginx, from the header nginx adds. */
export function servedBy(cluster: Cluster, headers: Record<string, string>): number {
  const upstream = headers[UPSTREAM_HEADER];
  const index = cluster.instanceUrls.findIndex((url) => new URL(url).host === upstream);
  if (index < 0) throw new Error(`no instance answered as ${upstream}`);
  return index;
}

/** Waits for the page's next live stream to open and answers the instance that holds it. */
export async function nextStreamInstance(cluster: Cluster, page: Page, open: () => Promise<unknown>): Promise<number> {
  const response = page.waitForResponse((r) => EVENTS_URL.test(r.url()) && r.status() === 200);
  await open();
  return servedBy(cluster, (await response).headers());
}

/**
 * A signed-in browser whose every request — its pages, its API calls, its live stream — nginx
 * sends to one instance. Opens the document's editor and checks the stream is held there.
 */
export async function pinnedEditor(browser: Browser, cluster: Cluster, who: { email: string; password: string }, instance: number, documentId: string, segment = 1): Promise<PinnedEditor> {
  const context = await browser.newContext({ baseURL: cluster.baseUrl, extraHTTPHeaders: { [PIN_HEADER]: String(instance + 1) } });
  const page = await context.newPage();
  await signIn(page, who);
  const held = await nextStreamInstance(cluster, page, () => page.goto(`/documents/${documentId}/edit${segment > 1 ? `?segment=${segment}` : ""}`));
  expect(held).toBe(instance);
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  // A marker that a reload would lose: what follows must arrive without one.
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 17));
  return { context, page, instance };
}

export async function notReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(17);
}

/** Exact names: "segment 1" must not also find segment 10. */
export const row = (page: Page, n: number) =>
  page.getByTestId("editor-row").filter({ has: page.getByRole("button", { name: `Edit translation of segment ${n}`, exact: true }).or(page.getByLabel(`English translation of segment ${n}`, { exact: true })) });
export const field = (page: Page, n: number) => page.getByLabel(`English translation of segment ${n}`, { exact: true });

/** Saves segment n (1-based) through the API, on the version read just before, as the context's user. */
export async function saveByApi(request: APIRequestContext, cluster: Cluster, documentId: string, n: number, target: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const listed = (await (await request.get(`/api/documents/${documentId}/segments?from=${n - 1}&limit=1`)).json()) as { segments: { id: string; version: number }[] };
    const segment = listed.segments[0]!;
    const response = await request.post(`/api/segments/${segment.id}/save`, { data: { target, baseVersion: segment.version, confirm: false }, headers: { origin: cluster.baseUrl } });
    if (response.status() !== 409) {
      expect(response.ok()).toBe(true);
      return segment.id;
    }
  }
  throw new Error("the save kept meeting conflicts");
}

/** The owner imports a small document of the spec's own into the demo project; answers its id. */
export async function importOwnDocument(browser: Browser, cluster: Cluster, owner: { email: string; password: string }, sources: string[]): Promise<string> {
  const context = await browser.newContext({ baseURL: cluster.baseUrl });
  const page = await context.newPage();
  await signIn(page, owner);
  await page.getByRole("link", { name: "Kunshan Hi-Tech Zone feature" }).click();
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByLabel("Chinese source text").fill(sources.join("\n\n"));
  await page.getByRole("button", { name: "Analyse" }).click();
  await page.getByLabel("Document title").fill(`多实例实时 ${Date.now()}`);
  await page.getByRole("button", { name: /Create document/ }).click();
  await expect(page).toHaveURL(/\/documents\/[^/]+$/);
  const documentId = new URL(page.url()).pathname.split("/").pop()!;
  await context.close();
  return documentId;
}
