"use client";

import dynamic from "next/dynamic";
import "@scalar/api-reference-react/style.css";

/**
 * Scalar's reference renderer, bundled (the server may have no internet: no CDN script, and its
 * default web fonts are off). Loaded in the browser only: it mounts a Vue app into its element.
 */
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), { ssr: false, loading: () => null });

export function ApiReference({ specUrl }: { specUrl: string }) {
  return (
    <ApiReferenceReact
      configuration={{
        url: specUrl,
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        hideDarkModeToggle: true,
        forceDarkModeState: "light",
        showDeveloperTools: "never",
        documentDownloadType: "json",
        persistAuth: false,
        // Scalar's "Ask AI" agent talks to Scalar's servers: off (offline, and documents stay here).
        agent: { disabled: true },
      }}
    />
  );
}
