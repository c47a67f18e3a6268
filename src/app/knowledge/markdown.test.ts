import { describe, expect, it } from 'vitest';
import { markdownRenderer } from './markdown.js';

const render = markdownRenderer(['docs.vendor.example']);

describe('documentation rendered from Markdown', () => {
  it('lays out headings, emphasis, lists and code', () => {
    expect(render('## Установка\n\n**Важно:** сначала `stop`\n\n- один\n- два')).toBe(
      '<h2>Установка</h2>\n<p><strong>Важно:</strong> сначала <code>stop</code></p>\n<ul>\n<li>один</li>\n<li>два</li>\n</ul>\n',
    );
  });

  it('shows raw HTML, scripts and event handlers as text, never as markup', () => {
    const html = render(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<b onclick="x()">b</b>',
    );
    expect(html).not.toMatch(/<script|<img|<b /);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('makes no link of javascript:, vbscript: or data: addresses, and opens the others apart', () => {
    const html = render(
      '[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html;base64,PHNjcmlwdD4=) [d](https://vendor.example/x)',
    );
    expect(html).not.toMatch(/href="(javascript|vbscript|data):/);
    expect(html).toContain(
      '<a href="https://vendor.example/x" rel="noopener noreferrer nofollow" target="_blank">d</a>',
    );
  });

  it('shows images of the allowed hosts only; another is a link to it', () => {
    expect(render('![схема](https://docs.vendor.example/a.png)')).toContain(
      '<img src="https://docs.vendor.example/a.png" alt="схема">',
    );
    const tracked = render('![pixel](https://tracker.example/p.gif "t")');
    expect(tracked).not.toContain('<img');
    expect(tracked).toContain(
      '<a href="https://tracker.example/p.gif" rel="noopener noreferrer nofollow" target="_blank">pixel</a>',
    );
    expect(render('![x](http://docs.vendor.example/a.png)')).not.toContain('<img');
  });
});
