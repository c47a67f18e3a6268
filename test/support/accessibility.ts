import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  /** Each failing element with axe's own account of what to fix. */
  targets: string[];
}

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[]; failureSummary?: string }[];
  }[];
}

/**
 * What axe-core finds against WCAG 2.1 A and AA on the page as it stands (labels, names, roles,
 * contrast, landmarks), at the serious and critical levels: the ones that lock somebody out.
 */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  // Evaluated, not added as a script element: the desk's Content-Security-Policy forbids inline scripts.
  await page.evaluate(axeSource);
  const result: AxeResult = await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  );
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`),
    }));
}
