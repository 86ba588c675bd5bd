/**
 * What the editor benches (editor-bench.ts, editor-trace.ts) share: a database with synthetic
 * documents, `next start` and Chromium with a signed-in translator; a browser context as a fresh
 * visit; opening the editor and waiting, in the page, for the first rows and for all loaded; and
 * the floor for "all loaded" (the same chunks' JSON fetched and parsed in an idle page).
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { launchChromium, prepareDatabase, signInPage, startServer } from "./bench-server";
import { syntheticDocument } from "./synthetic-document";

// BENCH_EDITOR_PORT: another port when several worktrees bench on one machine.
export const EDITOR_PORT = Number(process.env.BENCH_EDITOR_PORT ?? 3210);
export const VIEWPORT = { width: 1440, height: 900 };

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

export interface EditorSession {
  browser: Browser;
  baseUrl: string;
  /** The translator's session cookies, for each new context. */
  cookies: Cookies;
  /** The synthetic documents' ids, in the order asked for. */
  documentIds: string[];
  editorUrl(documentId: string): string;
  close(): Promise<void>;
}

/**
 * A fresh seeded database with a synthetic document of each size (titled as given), `next start`
 * on it, Chromium, and the demo translator signed in. `reuseDatabase`: a bench.db from an earlier
 * run that holds documents of those titles (importing 50,000 segments takes minutes on a busy machine).
 */
export async function openEditorSession(documents: { size: number; title: string }[], options: { reuseDatabase?: string } = {}): Promise<EditorSession> {
  let dir: string;
  let url: string;
  if (options.reuseDatabase) {
    dir = fs.mkdtempSync("/tmp/editor-bench-db-");
    url = `file:${path.join(dir, "bench.db")}`;
    fs.copyFileSync(options.reuseDatabase, path.join(dir, "bench.db"));
  } else {
    ({ dir, url } = prepareDatabase());
  }
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const project = await prisma.project.findFirstOrThrow();
  const documentIds: string[] = [];
  for (const { size, title } of documents) {
    const document = options.reuseDatabase
      ? await prisma.document.findFirstOrThrow({ where: { title } })
      : (await importText(prisma, { projectId: project.id, text: syntheticDocument(size), acceptedJoins: [], title, origin: "bench", actorId: null })).document;
    documentIds.push(document.id);
  }
  await prisma.$disconnect();

  const server = await startServer(url, EDITOR_PORT);
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const signIn = await browser.newContext({ viewport: VIEWPORT });
    await signInPage(await signIn.newPage(), server.baseUrl, "translator@duizhao.test", "translator-demo-pass");
    const cookies = await signIn.cookies();
    await signIn.close();
    return { browser, baseUrl: server.baseUrl, cookies, documentIds, editorUrl: (id) => `${server.baseUrl}/documents/${id}/edit`, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A fresh browser context (empty HTTP cache, as a first visit) signed in as the translator. With
 * `longTasks` (the default), every long task of every navigation is recorded in the page, from
 * before its own scripts run (read with `longTasksOf`).
 */
export async function newEditorContext(session: EditorSession, options: { longTasks?: boolean } = {}) {
  const context = await session.browser.newContext({ viewport: VIEWPORT });
  await context.addCookies(session.cookies);
  if (options.longTasks !== false) {
    await context.addInitScript(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      w.longTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: "longtask", buffered: true });
      } catch {
        // no long task timing in this browser
      }
    });
  }
  return context;
}

/** The long tasks the page recorded (a context from `newEditorContext`). */
export async function longTasksOf(page: Page): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);
}

/** One visit that is not counted: the server's first requests warm its caches (statements, pages). */
export async function warmUp(session: EditorSession, url: string, waitForAll: boolean) {
  const context = await newEditorContext(session);
  await openEditor(await context.newPage(), url, waitForAll);
  await context.close();
}

/**
 * Navigates and returns ms from navigation start to the first frame with an editor row (whether
 * the row came in the server's HTML or was rendered after hydration), and to everything loaded
 * when asked. Both are read in the page (the first rows on every animation frame from the moment
 * the navigation commits, all loaded when the page changes), so Playwright's round trips are not
 * in the figures.
 */
export async function openEditor(page: Page, url: string, waitForAll = false): Promise<{ firstRows: number; allLoaded?: number }> {
  await page.goto(url, { waitUntil: "commit" });
  const firstRows = (await (
    await page.waitForFunction(() => !!document.querySelector('[data-testid="editor-row"]') && performance.now(), null, { timeout: 120_000, polling: "raf" })
  ).jsonValue()) as number;
  if (!waitForAll) return { firstRows };
  // Watched by a MutationObserver, not polled on every animation frame: a poll each frame kept the
  // page producing frames for the whole load (~150 on the 2-core bench machine), CPU the page
  // itself does not spend; the observer runs only when the page changes, and reads the time then.
  const allLoaded = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        // (No named function in here: tsx would wrap it in a helper the page does not have.)
        if (!document.querySelector('[data-testid="progress"]')?.textContent?.includes("loading")) return resolve(performance.now());
        const timer = setTimeout(() => reject(new Error("not all loaded within 180 s")), 180_000);
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="progress"]')?.textContent?.includes("loading")) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
  );
  return { firstRows, allLoaded };
}

/**
 * The floor for "all loaded": in an idle page of the app's origin, fetch and parse the document's
 * segments in the editor's chunks (keyset, 2,000 rows, one after the other), doing nothing with
 * them. A server without keyset paging (a build before issue 18) is read by offset instead.
 */
export async function fetchAndParseFloor(page: Page, documentId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const base = `/api/documents/${id}/segments`;
    const t0 = performance.now();
    let body = (await (await fetch(`${base}?after=-1&limit=2000`)).json()) as { segments: unknown[]; next?: number | null; total?: number };
    if ("next" in body) {
      while (body.next !== null && body.next !== undefined) body = await (await fetch(`${base}?after=${body.next}&limit=2000`)).json();
    } else {
      const total = body.total!;
      for (let from = 2000; from < total; from += 2000) body = await (await fetch(`${base}?from=${from}&limit=2000`)).json();
    }
    return performance.now() - t0;
  }, documentId);
}
