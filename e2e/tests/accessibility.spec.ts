import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { repoRoot } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots');

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map(
      (v) => `${v.id} (${v.impact}): ${v.help} x${v.nodes.length}: ${v.nodes[0]?.target}`,
    ),
  ).toEqual([]);
}

/** The page scrolls vertically only: wide matrices scroll inside their card. */
async function expectNoHorizontalPageScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

const pages = [
  { name: 'worked-example', url: '/worked-example' },
  { name: 'wide', url: '/worked-example?hidden=16&bias=on&activation=relu' },
  { name: 'error', url: '/worked-example?hidden=0&lr=abc' },
];

for (const { name, url } of pages) {
  test(`${name}: no serious or critical axe violations, no sideways scroll`, async ({
    page,
  }, testInfo) => {
    await page.goto(url);
    await expect(page.locator('[data-server-status]')).not.toHaveAttribute(
      'data-server-status',
      'checking',
    );
    await expectNoSeriousViolations(page);
    await expectNoHorizontalPageScroll(page);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({
      path: join(screenshots, `${name}-${testInfo.project.name}.png`),
      fullPage: true,
    });
  });
}

test('keyboard users see where the focus is', async ({ page }) => {
  await page.goto('/worked-example');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});
