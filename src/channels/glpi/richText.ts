import { compile } from 'html-to-text';
import type { GlpiText } from '../../app/ports/glpiSource.js';
import { decodeGlpiRichText } from '../../domain/glpi/glpiText.js';

type Collected = Omit<GlpiText, 'text'>;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * GLPI's rich text as the desk keeps messages: plain text, with html-to-text doing the HTML (entities
 * decoded, paragraphs and lists laid out, scripts and styles dropped, a link kept as "text (address)").
 * Images are kept: a pasted one becomes an attachment, a GLPI document shown inline is named.
 */
const convertWith = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['(', ')'] } },
    { selector: 'img', format: 'glpiImage' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
  ],
  formatters: {
    glpiImage(element, _walk, builder) {
      // html-to-text 10 hands each call's metadata to formatters; its type declarations predate that.
      const collected = (builder as unknown as { metadata: Collected }).metadata;
      const source = String(element.attribs?.src ?? '');
      const pasted = /^data:(image\/[\w.+-]+);base64,([A-Za-z0-9+/=\s]+)$/.exec(source);
      if (pasted?.[1] && pasted[2]) {
        const fileName = `image-${collected.images.length + 1}.${EXTENSIONS[pasted[1]] ?? 'bin'}`;
        collected.images.push({
          fileName,
          contentType: pasted[1],
          content: Buffer.from(pasted[2], 'base64'),
        });
        builder.addInline(`[${fileName}]`);
        return;
      }
      const document = /document\.send\.php\?(?:.*&)?docid=(\d+)/.exec(source);
      if (document?.[1]) collected.documentIds.push(Number(document[1]));
      const alt = String(element.attribs?.alt ?? '').trim();
      builder.addInline(`[${alt || (document ? `document ${document[1]}` : 'image')}]`);
    },
  },
});

const convert = convertWith as unknown as (html: string, metadata: Collected) => string;

export function glpiRichTextToSafeText(stored: string | null | undefined): GlpiText {
  const collected: Collected = { images: [], documentIds: [] };
  // A non-breaking space is a space to a reader and to search.
  const text = convert(decodeGlpiRichText(stored), collected)
    .replace(/\u00a0/g, ' ')
    .trim();
  return { text, ...collected };
}
