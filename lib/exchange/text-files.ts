import { escapeHtml } from "@/lib/html";
import { exportLabels } from "./export-labels";
import type { ExchangeDocument } from "./exchange-model";

const shown = (target: string, source: string) => target || `[${source}]`;

/** The English text, one paragraph per segment (untranslated ones in brackets, in Chinese). */
export function* plainText(doc: ExchangeDocument): Generator<string> {
  for (const s of doc.segments) yield `${shown(s.target, s.source)}\n\n`;
}

function escapeMarkdown(text: string): string {
  // Markdown syntax characters, then what would start a list: "- " or "+ " (escape the mark), "1. " (escape the dot).
  return text
    .replace(/([\\`*_{}[\]<>#|])/g, "\\$1")
    .replace(/^(\s*)([-+])(\s)/gm, "$1\\$2$3")
    .replace(/^(\s*)(\d+)\.(\s)/gm, "$1$2\\.$3");
}

/** Markdown: headings as headings, captions in italics, the byline as a quote line. */
export function* markdown(doc: ExchangeDocument): Generator<string> {
  for (const s of doc.segments) {
    const text = escapeMarkdown(shown(s.target, s.source)).replace(/\n/g, "  \n");
    if (s.kind === "heading") yield `## ${text}\n\n`;
    else if (s.kind === "caption") yield `*${text}*\n\n`;
    else if (s.kind === "byline") yield `> ${text}\n\n`;
    else yield `${text}\n\n`;
  }
}

const h = escapeHtml;

/**
 * A bilingual HTML page, Chinese and English side by side, with a print stylesheet: "Print to
 * PDF" gives a clean landscape two-column document (rows never split across pages).
 */
export function* bilingualHtml(doc: ExchangeDocument): Generator<string> {
  const l = exportLabels(doc.locale);
  const [number, source, target, status] = l.reviewHeaders;
  yield `<!doctype html>
<html lang="${h(doc.targetLang)}"><head><meta charset="utf-8"><title>${h(doc.title)}</title>
<style>
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#1c2330;margin:24px}
.zh{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","SimSun",serif}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d9dde3;padding:6px 8px;vertical-align:top;text-align:left}
th{font-size:12px;color:#5b6575}td.n{color:#5b6575;font-size:12px;width:2.5em}td.s{font-size:12px;color:#5b6575;width:7em}
tr.heading td{font-weight:700}tr.caption td{font-style:italic;color:#444}tr.byline td{color:#555}
.meta{color:#5b6575;font-size:13px}.comments{font-size:12px;color:#5b6575;margin-top:4px}
@media print{body{margin:0}@page{size:A4 landscape;margin:14mm}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit}}
</style></head><body>
<h1 class="zh" lang="${h(doc.sourceLang)}">${h(doc.title)}</h1>
<p class="meta">${h(doc.projectName)} · ${h(doc.sourceLang)} → ${h(doc.targetLang)} · ${h(doc.versionLabel)} · ${h(l.approvedOf(doc.progress))}</p>
<table><thead><tr><th>${number}</th><th>${h(source)}</th><th>${h(target)}</th><th>${h(status)}</th></tr></thead><tbody>
`;
  for (const [i, s] of doc.segments.entries()) {
    const comments = s.comments.length ? `<div class="comments">${s.comments.map((c) => `${h(c.author)}: ${h(c.body)}`).join("<br>")}</div>` : "";
    yield `<tr class="${h(s.kind)}"><td class="n">${i + 1}</td><td class="zh" lang="${h(doc.sourceLang)}">${h(s.source)}</td><td lang="${h(doc.targetLang)}">${h(s.target)}${comments}</td><td class="s">${h(l.status(s.status))}</td></tr>\n`;
  }
  yield "</tbody></table></body></html>\n";
}
