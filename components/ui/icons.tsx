/**
 * Small inline SVG icons. Emoji (💬 🔒) render as empty boxes where no emoji font is installed
 * (a stock Debian desktop); these draw the same everywhere, take the text colour and size with
 * the text. Decorative: the text beside each says what it means.
 */
import type { ReactNode } from "react";

function Icon({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      style={{ verticalAlign: "-0.125em", flex: "none" }}
      aria-hidden={label ? undefined : true}
      role={label ? "img" : undefined}
      aria-label={label}
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** A speech bubble: comments. */
export function CommentIcon(props: { label?: string }) {
  return (
    <Icon {...props}>
      <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" />
    </Icon>
  );
}

/** A pencil: someone is editing. */
export function EditingIcon(props: { label?: string }) {
  return (
    <Icon {...props}>
      <path d="M10.5 2.5l3 3-7.5 7.5H3v-3z" />
      <path d="M9 4l3 3" />
    </Icon>
  );
}

/** A warning triangle. */
export function WarningIcon(props: { label?: string }) {
  return (
    <Icon {...props}>
      <path d="M8 2l6.5 11.5h-13z" />
      <path d="M8 6.5v3.5M8 12v.01" />
    </Icon>
  );
}

/** A tick. */
export function CheckIcon(props: { label?: string }) {
  return (
    <Icon {...props}>
      <path d="M3 8.5l3.5 3.5L13 4.5" />
    </Icon>
  );
}
