/**
 * The flags every headless Chromium of ours starts with: the browser tests (playwright.config.ts)
 * and the benches (scripts/bench/bench-server.ts). Playwright adds its own defaults first;
 * Chromium merges a second --disable-features list into Playwright's.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  // This network refuses Google's hosts: without these, Chromium retries them, many at a time.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Chromium 156 builds its address bar's suggestion popups as WebUI pages and loads them, in a
  // renderer of their own, whenever a window opens — each new browser context of a test or a bench,
  // headless or not: ~1.2 s of renderer and ~0.3 s of browser-process CPU (measured on the
  // 2-core machine, /proc), on the same cores as the page under test. A person's first visit
  // does not pay it (their window is open already), so our tests and benches turn it off.
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI",
];
