import { Typography } from '@mantine/core';

/**
 * Documentation and release notes as the server rendered them from Markdown (src/app/markdown.ts): HTML
 * in which nothing can run, shown as it is, with the type styles of prose.
 */
export function MarkdownContent({ html }: { html: string }) {
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server's renderer lets no raw HTML, script or javascript: link through. */}
      <div className="markdown" data-testid="markdown" dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
