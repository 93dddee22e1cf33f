// axe-core in the browser flows: every page state is checked at the PC and
// the phone size, in the standard look and in 关怀模式, and the counts are kept
// for a table (e2e/screenshots/axe-report.md) the closing note can quote.
import { mkdirSync, writeFileSync } from 'node:fs';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { CARE_MODE_COOKIE } from '@uia/schemas';
import { SCREENSHOT_DIR, screenshot } from './browser.ts';

export const VIEWPORTS = {
  pc: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
export type Mode = 'standard' | 'care';
const MODES: readonly Mode[] = ['standard', 'care'];

type Impact = 'critical' | 'serious' | 'moderate' | 'minor';

export interface AxeFinding {
  state: string;
  viewport: ViewportName;
  mode: Mode;
  counts: Record<Impact, number>;
  /** `rule-id (impact): first target` of each serious or critical violation, for the failure message. */
  blocking: string[];
}

interface AxeViolation {
  id: string;
  impact: Impact | null;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core in `page` (injected through the debugging protocol, so the
 * page's CSP does not stop it). 关怀模式 promises contrast ≥ 7:1 (WCAG AAA),
 * so there the AAA contrast rule runs too; the standard look stays on AA (4.5:1).
 */
export async function axeViolations(page: Page, mode: Mode = 'standard'): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (enhanced) => {
    const rules = { 'color-contrast-enhanced': { enabled: enhanced } };
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'], rules });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, mode === 'care');
}

/** The header's 关怀模式 switch (aria-pressed tells the mode). */
export function careSwitch(page: Page) {
  return page.getByRole('button', { name: '关怀模式' });
}

/** Puts the page into `mode` with the header's switch, as a person would. */
export async function setMode(page: Page, mode: Mode): Promise<void> {
  const button = careSwitch(page);
  const wanted = mode === 'care' ? 'true' : 'false';
  if ((await button.getAttribute('aria-pressed')) !== wanted) await button.click();
  await page.locator(`html[data-mode="${mode}"]`).waitFor({ state: 'attached' });
  // The colours change with a CSS transition: check them once they arrived, not half-way.
  await page.evaluate(() => Promise.allSettled(document.getAnimations().flatMap((a) => (a instanceof CSSTransition ? [a.finished] : []))));
}

/**
 * The pages the server renders itself (退出登录, error pages) have no switch
 * but follow the cookie the switch writes: set it and load the page again.
 */
export async function setModeByCookie(page: Page, mode: Mode): Promise<void> {
  await page.context().addCookies([{ name: CARE_MODE_COOKIE, value: mode === 'care' ? 'on' : 'off', url: page.url() }]);
  await page.reload();
  await page.locator(`html[data-mode="${mode}"]`).waitFor({ state: 'attached' });
}

/** How a page state is put into a mode: the header's switch, or (server-rendered pages) the cookie. */
export type ModeSetter = (page: Page, mode: Mode) => Promise<void>;

function count(violations: AxeViolation[]): Record<Impact, number> {
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) if (v.impact) counts[v.impact] += v.nodes.length;
  return counts;
}

/**
 * A state that the header's 关怀模式 switch cannot reach as it stands (a modal dialog makes the page behind it
 * inert): opened after each mode is set, closed before the next.
 */
export interface OpenedState {
  open(page: Page): Promise<void>;
  close(page: Page): Promise<void>;
}

/** Collects findings across one test file and writes them as a table at the end. */
export class AxeReport {
  readonly findings: AxeFinding[] = [];

  /**
   * Checks the page as it stands at both sizes and in both modes (a
   * screenshot of each), then returns it to the PC size in the standard
   * mode. Returns the findings of this state.
   */
  async check(page: Page, state: string, shotName: string, sizes: readonly ViewportName[] = ['pc', 'phone'], how: { opened?: OpenedState; modeBy?: ModeSetter } = {}): Promise<AxeFinding[]> {
    const { opened, modeBy = setMode } = how;
    const start = page.viewportSize();
    const found: AxeFinding[] = [];
    for (const viewport of sizes) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      for (const mode of MODES) {
        await modeBy(page, mode);
        await opened?.open(page);
        const violations = await axeViolations(page, mode);
        const blocking = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${JSON.stringify(v.nodes[0]?.target)}`);
        const finding: AxeFinding = { state, viewport, mode, counts: count(violations), blocking };
        found.push(finding);
        this.findings.push(finding);
        await screenshot(page, `a11y-${shotName}-${viewport}-${mode}`);
        await opened?.close(page);
      }
    }
    await modeBy(page, 'standard');
    if (start) await page.setViewportSize(start);
    return found;
  }

  /** e2e/screenshots/axe-report-<name>.md: one row per state, critical/serious (moderate/minor) per size and mode. */
  write(name: string): void {
    const cell = (state: string, viewport: ViewportName, mode: Mode) => {
      const f = this.findings.find((x) => x.state === state && x.viewport === viewport && x.mode === mode);
      return f ? `${f.counts.critical}/${f.counts.serious} (${f.counts.moderate}/${f.counts.minor})` : '–';
    };
    const states = [...new Set(this.findings.map((f) => f.state))];
    const lines = [
      '| page state | PC standard | PC 关怀 | phone standard | phone 关怀 |',
      '| --- | --- | --- | --- | --- |',
      ...states.map((s) => `| ${s} | ${cell(s, 'pc', 'standard')} | ${cell(s, 'pc', 'care')} | ${cell(s, 'phone', 'standard')} | ${cell(s, 'phone', 'care')} |`),
    ];
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(`${SCREENSHOT_DIR}axe-report-${name}.md`, `critical/serious (moderate/minor) axe-core violations (nodes)\n\n${lines.join('\n')}\n`);
  }
}
