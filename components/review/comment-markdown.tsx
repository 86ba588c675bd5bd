import { useTranslations } from "next-intl";
import Markdown, { type Components } from "react-markdown";

/**
 * Comment Markdown as links and text only. An image would be fetched by every reader who opens
 * the thread — a tracking beacon, or a request made in the reader's name (issue 13) — so images
 * are shown as links the reader may choose to follow. Links open in a new tab without a referrer.
 * Raw HTML is shown as text (react-markdown never renders it) and URLs are sanitised by it.
 */
function ImageLink({ src, alt }: { src?: unknown; alt?: string }) {
  const t = useTranslations("comments");
  return (
    <a href={typeof src === "string" ? src : undefined} target="_blank" rel="noopener noreferrer nofollow" data-testid="comment-image-link">
      {t("image", { name: alt || (typeof src === "string" ? src : "") })}
    </a>
  );
}

const components: Components = {
  img: ({ src, alt }) => <ImageLink src={src} alt={alt} />,

  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
};

export function CommentMarkdown({ body }: { body: string }) {
  return (
    <Markdown skipHtml={false} components={components}>
      {body}
    </Markdown>
  );
}
