import { escapeHtml } from "@/lib/html";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";

/**
 * One layout for every mail Duizhao sends (issue 20): the same content as plain text and as a
 * small HTML page. The HTML is inline-styled (mail programs drop <style> and classes), loads
 * nothing from outside (no images, no web fonts: nothing to track, nothing blocked), and every
 * text is escaped. Callers pass texts already in the recipient's language.
 */
export interface MailContent {
  subject: string;
  /** "Hello Li Wei," — a line of its own above the paragraphs. */
  greeting?: string;
  /** Plain paragraphs, or a paragraph with a link of its own under it (a daily digest's entries). */
  paragraphs: (string | LinkedParagraph)[];
  /** The one thing to do: a button in HTML, the bare link in text. */
  action?: { label: string; url: string };
  /** Small print below a rule: why this mail came, and a link (e.g. to switch such mails off). */
  footer?: { text: string; url?: string };
}

export interface LinkedParagraph {
  text: string;
  link: { label: string; url: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

// Fonts the reader already has (no web fonts); single quotes, as the list sits in a style="…" attribute.
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
const TEXT_COLOUR = "#1f2937";
const MUTED = "#6b7280";
const ACCENT = "#1d4ed8";

export function renderMail(locale: Locale, content: MailContent): RenderedMail {
  const t = translator(locale, "emails.layout");
  const subject = oneLine(content.subject);
  return { subject, text: renderText(content, t("signature")), html: renderHtml(locale, subject, content, t("linkFallback"), t("signature")) };
}

/** Subjects are one header line: line breaks in a name must not start a new header (or nothing). */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}

function renderText(content: MailContent, signature: string): string {
  const blocks: string[] = [];
  if (content.greeting) blocks.push(content.greeting);
  blocks.push(...content.paragraphs.map((p) => (typeof p === "string" ? p : `${p.text}\n${p.link.label}: ${p.link.url}`)));
  if (content.action) blocks.push(`${content.action.label}:\n${content.action.url}`);
  blocks.push(signature);
  if (content.footer) blocks.push(["--", content.footer.text, content.footer.url].filter(Boolean).join("\n"));
  return `${blocks.join("\n\n")}\n`;
}

function paragraph(html: string, style = ""): string {
  return `<p style="margin:0 0 16px 0;${style}">${html}</p>`;
}

/** Line breaks inside a paragraph kept as <br>. */
function escapeLines(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

function link(url: string, label: string, style: string): string {
  return `<a href="${escapeHtml(url)}" style="${style}">${escapeHtml(label)}</a>`;
}

function renderHtml(locale: Locale, subject: string, content: MailContent, linkFallback: string, signature: string): string {
  const body: string[] = [];
  if (content.greeting) body.push(paragraph(escapeLines(content.greeting)));
  for (const p of content.paragraphs) {
    body.push(typeof p === "string" ? paragraph(escapeLines(p)) : paragraph(`${escapeLines(p.text)}<br>${link(p.link.url, p.link.label, `color:${ACCENT};`)}`));
  }
  if (content.action) {
    body.push(
      paragraph(
        link(content.action.url, content.action.label, `display:inline-block;padding:10px 18px;background:${ACCENT};color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600;`),
        "margin-top:24px;margin-bottom:24px;",
      ),
    );
    body.push(paragraph(`${escapeHtml(linkFallback)}<br>${link(content.action.url, content.action.url, `color:${ACCENT};word-break:break-all;`)}`, `font-size:13px;color:${MUTED};`));
  }
  body.push(paragraph(escapeLines(signature)));
  if (content.footer) {
    const footer = escapeLines(content.footer.text) + (content.footer.url ? `<br>${link(content.footer.url, content.footer.url, `color:${MUTED};word-break:break-all;`)}` : "");
    body.push(`<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0 16px 0;">`, paragraph(footer, `font-size:12px;color:${MUTED};`));
  }
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(locale)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f3f4f6;">`,
    `<div style="max-width:560px;margin:0 auto;padding:24px 16px;">`,
    `<div style="background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;padding:28px 32px;font-family:${FONT};font-size:15px;line-height:1.6;color:${TEXT_COLOUR};">`,
    `<p style="margin:0 0 20px 0;font-size:17px;font-weight:600;"><span lang="zh-CN">对照</span> Duizhao</p>`,
    ...body,
    "</div>",
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
