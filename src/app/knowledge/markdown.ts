import MarkdownIt from 'markdown-it';

/**
 * Documentation and release notes are written in Markdown and shown as HTML that cannot do anything:
 * markdown-it with raw HTML off (a `<script>` or an `<img onerror>` typed into the text comes out as
 * text), its link check on (no `javascript:`, `vbscript:`, `file:` or `data:` link), links that open
 * nothing of the desk's window, and images only from the hosts an operator allows: any other image
 * is shown as a link to it, so that reading a page tells no outside server who read it.
 */
export function markdownRenderer(imageHosts: readonly string[]): (text: string) => string {
  const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const allowed = new Set(imageHosts.map((host) => host.toLowerCase()));
  const renderLink = markdown.renderer.rules.link_open;
  markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    token?.attrSet('rel', 'noopener noreferrer nofollow');
    token?.attrSet('target', '_blank');
    return renderLink
      ? renderLink(tokens, index, options, env, self)
      : self.renderToken(tokens, index, options);
  };
  const renderImage = markdown.renderer.rules.image;
  markdown.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const source = token?.attrGet('src') ?? '';
    if (token && !isAllowedImage(source, allowed)) {
      const label = markdown.utils.escapeHtml(token.content || source);
      const href = markdown.utils.escapeHtml(source);
      return `<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${label}</a>`;
    }
    return renderImage
      ? renderImage(tokens, index, options, env, self)
      : self.renderToken(tokens, index, options);
  };
  return (text) => markdown.render(text);
}

function isAllowedImage(source: string, allowed: Set<string>): boolean {
  try {
    const url = new URL(source);
    return url.protocol === 'https:' && allowed.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}
