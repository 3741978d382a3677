import { expect, test } from '@playwright/test';

const status = (page: import('@playwright/test').Page) => page.locator('[data-server-status]');

test.describe('the game server status', () => {
  test('shows online with the database kind when the server answers', async ({ page }) => {
    await page.goto('/worked-example');
    await expect(status(page)).toHaveText(/^server: online \((sqlite|postgresql)\)$/, {
      timeout: 10_000,
    });
  });

  test('shows offline when the server cannot be reached', async ({ page }) => {
    await page.route('**/trpc/health**', (route) => route.abort('connectionrefused'));
    await page.goto('/worked-example');
    await expect(status(page)).toHaveText('server: offline');
  });
});
