// The accessibility pass of the browser tests: axe-core (npm) run inside the
// page as it is on screen, at each size. Only serious and critical findings
// fail a test: those block or badly hinder someone (no name on a control,
// contrast under 4.5:1, a broken ARIA role); the minor ones are reported in
// the output of the run that finds them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type * as Axe from 'axe-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page; every finding, with its impact. */
export async function axeFindings(page: Page, name: string): Promise<Finding[]> {
  // Through the DevTools protocol, which the page's Content-Security-Policy
  // does not govern (an injected <script> would be refused, rightly).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.map((v) => ({ page: name, ...v }));
}

/** Whether a finding fails the tests. */
export function isBlocking(f: Finding): boolean {
  return f.impact === 'serious' || f.impact === 'critical';
}

export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.page}: ${f.impact} ${f.rule}: ${f.help} (${f.targets.join(', ')})`).join('\n');
}
