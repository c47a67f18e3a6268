import { describe, expect, it } from 'vitest';
import { glpiRichTextToSafeText } from './richText.js';

/** As GLPI 10 stores what TinyMCE wrote. */
const stored = (html: string) => html.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;');

describe('GLPI rich text to safe text', () => {
  it('keeps the words and links, drops scripts and styles, decodes entities', () => {
    const safe = glpiRichTextToSafeText(
      stored(
        '<p>Добрый&nbsp;день!</p><script>alert(1)</script><style>p{color:red}</style>' +
          '<p>См. <a href="https://vendor.test/kb/42">статью</a> и <b>журнал</b> &laquo;orders&raquo;.</p>',
      ),
    );
    expect(safe.text).toBe('Добрый день!\n\nСм. статью (https://vendor.test/kb/42) и журнал «orders».');
    expect(safe.text).not.toMatch(/alert|color/);
  });

  it('keeps a tag the person typed as text, as text', () => {
    // Typed into the editor, "<script>" is HTML-escaped by TinyMCE, then encoded by GLPI.
    expect(glpiRichTextToSafeText(stored('<p>&lt;script&gt; в логе</p>')).text).toBe('<script> в логе');
  });

  it('takes pasted images out as attachments and names inline GLPI documents', () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const safe = glpiRichTextToSafeText(
      stored(
        `<p>Скриншот: <img src="data:image/png;base64,${png.toString('base64')}"></p>` +
          '<p><img src="/front/document.send.php?docid=17" alt="ошибка.png"></p>',
      ),
    );
    expect(safe.text).toBe('Скриншот: [image-1.png]\n\n[ошибка.png]');
    expect(safe.images).toEqual([{ fileName: 'image-1.png', contentType: 'image/png', content: png }]);
    expect(safe.documentIds).toEqual([17]);
  });

  it('reads rows GLPI 9.5 wrote with named entities', () => {
    expect(glpiRichTextToSafeText('&lt;p&gt;Старый &amp;amp; добрый&lt;/p&gt;').text).toBe('Старый & добрый');
  });
});
