import type { Page } from 'playwright-core';

/**
 * What keeps a page from showing its content whole at its width, as a reader would see it: the page
 * scrolling sideways, a box sticking out past the screen's edge, a table or panel that must be scrolled
 * sideways (on a desktop screen), a label cut short by an ellipsis (a badge, a role), and a request
 * number broken over lines. Each problem names the element and its text.
 */
export function layoutProblems(page: Page, { desktop }: { desktop: boolean }): Promise<string[]> {
  return page.evaluate((desktopScreen) => {
    const view = globalThis as unknown as {
      document: {
        documentElement: { scrollWidth: number; clientWidth: number };
        querySelectorAll(selector: string): ArrayLike<Element>;
      };
      innerWidth: number;
      getComputedStyle(element: Element): CSSStyleDeclaration;
    };
    interface Element {
      tagName: string;
      textContent: string | null;
      scrollWidth: number;
      clientWidth: number;
      children: ArrayLike<unknown>;
      parentElement: Element | null;
      getAttribute(name: string): string | null;
      getBoundingClientRect(): { left: number; right: number; width: number; height: number };
    }
    interface CSSStyleDeclaration {
      display: string;
      visibility: string;
      overflowX: string;
      textOverflow: string;
      lineHeight: string;
      fontSize: string;
      position: string;
    }
    const problems: string[] = [];
    const root = view.document.documentElement;
    const name = (element: Element) => {
      const testId = element.getAttribute('data-testid');
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
      return `${element.tagName.toLowerCase()}${testId ? `[${testId}]` : ''} "${text}"`;
    };
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`the page scrolls sideways by ${root.scrollWidth - root.clientWidth} px`);
    const shown = (element: Element) => {
      for (let at: Element | null = element; at; at = at.parentElement) {
        const style = view.getComputedStyle(at);
        if (style.display === 'none' || style.visibility === 'hidden') return false;
      }
      return true;
    };
    /** Inside something that scrolls sideways by design, or that the page moves off screen (a closed menu). */
    const insideScroller = (element: Element) => {
      for (let at = element.parentElement; at; at = at.parentElement) {
        const style = view.getComputedStyle(at);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll') return true;
      }
      return false;
    };
    const all = Array.from(view.document.querySelectorAll('body *'));
    for (const element of all) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || !shown(element)) continue;
      const style = view.getComputedStyle(element);
      if (
        desktopScreen &&
        (style.overflowX === 'auto' || style.overflowX === 'scroll') &&
        element.scrollWidth > element.clientWidth + 1
      )
        problems.push(
          `${name(element)} must be scrolled sideways (${element.scrollWidth} > ${element.clientWidth})`,
        );
      // Shortened on purpose only where the whole text is one hover away (a browser's long signature).
      if (
        style.textOverflow === 'ellipsis' &&
        element.scrollWidth > element.clientWidth + 1 &&
        element.getAttribute('title') === null
      )
        problems.push(`${name(element)} is cut short`);
      if (
        element.children.length === 0 &&
        box.left >= 0 &&
        box.right > view.innerWidth + 1 &&
        style.position !== 'fixed' &&
        !insideScroller(element)
      )
        problems.push(`${name(element)} sticks out past the screen's edge`);
      const text = (element.textContent ?? '').trim();
      if (element.children.length === 0 && /^(SD|GLPI)[-\s#]?\d{4}-\d{5}$/.test(text)) {
        const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.55;
        if (box.height > line * 1.5) problems.push(`${name(element)} breaks over lines`);
      }
    }
    return [...new Set(problems)];
  }, desktop);
}
