import { DECK_CONFIG, traceStep } from '@backprop/mlp-core';
import { expect, test } from '@playwright/test';
import { expectPageShowsTrace } from './support/page-values.ts';

test.describe('the settings form', () => {
  test('hidden = 4 with biases changes the step, and the bias quantities appear', async ({
    page,
  }) => {
    await page.goto('/worked-example');
    await expect(page.locator('[data-quantity="dLoss_db2"]')).toHaveCount(0);

    await page.getByLabel('Hidden units').fill('4');
    await page.getByLabel('Biases b₁, b₂').check();
    await page.getByRole('button', { name: 'Show this step' }).click();

    await expect(page).toHaveURL(/[?&]hidden=4(&|$)/);
    await expect(page).toHaveURL(/[?&]bias=on(&|$)/);
    for (const name of ['dLoss_db2', 'dLoss_db1', 'b2_new', 'b1_new']) {
      await expect(page.locator(`[data-quantity="${name}"]`)).toBeVisible();
    }
    await expect(page.locator('[data-given="b1"]')).toBeVisible();
    await expect(page.getByLabel('Hidden units')).toHaveValue('4');
    await expect(page.getByLabel('Biases b₁, b₂')).toBeChecked();

    await expectPageShowsTrace(page, traceStep({ ...DECK_CONFIG, hidden: 4, bias: true }, 0));
  });

  test('every setting reaches the trace (tanh, seeds, lr, data row)', async ({ page }) => {
    await page.goto(
      '/worked-example?hidden=5&activation=tanh&dataSeed=3&weightSeed=7&lr=0.5&offset=17',
    );
    await expect(page.getByLabel('Hidden activation')).toHaveValue('tanh');
    await expectPageShowsTrace(
      page,
      traceStep(
        { ...DECK_CONFIG, hidden: 5, activation: 'tanh', dataSeed: 3, weightSeed: 7, lr: 0.5 },
        17,
      ),
    );
  });

  test('a bad parameter shows a clear error instead of a step', async ({ page }) => {
    await page.goto('/worked-example?hidden=99');
    const alert = page.getByRole('alert').filter({ hasText: 'cannot be used' });
    await expect(alert).toContainText('hidden must be a whole number from 1 to 16 (got "99")');
    await expect(page.locator('[data-quantity]')).toHaveCount(0);
    await expect(page.getByLabel('Hidden units')).toHaveAttribute('aria-invalid', 'true');
  });

  test('every bad parameter is reported', async ({ page }) => {
    await page.goto('/worked-example?activation=softmax&lr=-1&bias=maybe&offset=300');
    const alert = page.getByRole('alert').filter({ hasText: 'cannot be used' });
    await expect(alert.getByRole('listitem')).toHaveCount(4);
    await expect(alert).toContainText('activation must be one of sigmoid, tanh, relu');
    await expect(alert).toContainText('lr must be a number greater than 0');
    await expect(alert).toContainText('bias must be on or off');
    await expect(alert).toContainText('offset must be a whole number from 0 to 299');
  });
});
