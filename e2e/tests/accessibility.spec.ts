import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoHorizontalPageScroll, expectNoSeriousViolations } from './support/page-checks.ts';
import { repoRoot } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots');

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
