/**
 * A script's text as a `data:` address, for an async script element (`<script async src>`). A
 * classic inline script placed after the page's stylesheets does not run until they have loaded
 * (HTML's "script-blocking style sheets": 50–150 ms on a first visit to the editor); an async one
 * runs as soon as it is ready, and React places it in the head. Only for the app's own text (it
 * runs with the page's origin).
 */
export function scriptAddress(source: string): string {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}
