// Checks every screen's spec runs: accessibility (axe) and no sideways page scroll.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core finds no serious or critical violations; `label` names the screen in a failure. */
export async function expectNoSeriousViolations(page: Page, label?: string): Promise<void> {
  await finishedAnimations(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map(
      (v) => `${v.id} (${v.impact}): ${v.help} x${v.nodes.length}: ${v.nodes[0]?.target}`,
    ),
    label,
  ).toEqual([]);
}

/** The page scrolls vertically only: wide matrices scroll inside their card. */
export async function expectNoHorizontalPageScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/**
 * Waits (at most 3 s) for the page's finite CSS animations to end: a name fading in is checked
 * for contrast at its final colour, not half-way through the fade.
 */
export async function finishedAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 3_000)),
    ]),
  );
}
