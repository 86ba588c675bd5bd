import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";

/** The server's HTML: what a person can use before the page has hydrated (the browser tests check the rest). */
const html = (props: Parameters<typeof HydratedFieldset>[0]) =>
  renderToString(createElement(HydratedFieldset, props, createElement("select", { value: "a", onChange: () => undefined }, createElement("option", { value: "a" }, "A"))));

describe("HydratedFieldset", () => {
  it("is disabled in the server's HTML, so every field inside it is", () => {
    expect(html({})).toMatch(/^<fieldset disabled=""/);
  });

  it("has no box of its own: no border, padding, margin or minimum width, and display: contents", () => {
    expect(html({})).toContain('style="border:0;padding:0;margin:0;min-width:0;display:contents"');
  });

  it("keeps the form's own reasons and attributes, and a style given replaces the defaults it names", () => {
    const out = html({ disabled: true, className: "row", style: { display: "block" }, "aria-label": "Scope" });
    expect(out).toContain('disabled=""');
    expect(out).toContain('class="row"');
    expect(out).toContain('aria-label="Scope"');
    expect(out).toContain('style="border:0;padding:0;margin:0;min-width:0;display:block"');
  });
});
