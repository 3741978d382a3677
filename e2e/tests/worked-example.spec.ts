import { existsSync, readFileSync } from 'node:fs';
import { DECK_CONFIG, type Matrix, traceStep } from '@backprop/mlp-core';
import { expect, test } from '@playwright/test';
import { expectPageShowsTrace, readCells } from './support/page-values.ts';
import { fixturePath } from './support/paths.ts';

test.describe("the deck's worked example", () => {
  test('shows every given and quantity, in order, with the values mlp-core computes', async ({
    page,
  }) => {
    await page.goto('/worked-example');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectPageShowsTrace(page, traceStep(DECK_CONFIG, 0));
  });

  test('shows the phases in the order forward, loss, backward, update', async ({ page }) => {
    await page.goto('/worked-example');
    const phases = await page
      .locator('[data-phase]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-phase')));
    expect(phases).toEqual(['forward', 'loss', 'backward', 'update']);
    await expect(page.getByRole('heading', { level: 2, name: 'Givens' })).toBeVisible();
  });

  test("points out the slide's sign slip in dh2/dz2, only on the deck's example", async ({
    page,
  }) => {
    await page.goto('/worked-example');
    await expect(page.locator('[data-quantity="dh2_dz2"]')).toContainText('sign slip');
    await page.goto('/worked-example?hidden=4');
    await expect(page.locator('[data-quantity="dh2_dz2"]')).not.toContainText('sign slip');
  });

  test('agrees with the numpy fixture on three numbers', async ({ page }) => {
    expect(
      existsSync(fixturePath),
      `the numpy fixture is read from ${fixturePath} (the repository's copy)`,
    ).toBe(true);
    const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as {
      values: Record<string, number | Matrix>;
    };
    const { loss, dLoss_dW2, W1_new } = fixture.values as {
      loss: number;
      dLoss_dW2: Matrix;
      W1_new: Matrix;
    };
    await page.goto('/worked-example');
    const checks: [string, number, number, number][] = [
      ['loss', 0, 0, loss],
      ['dLoss_dW2', 2, 1, dLoss_dW2[2]![1]!],
      ['W1_new', 0, 2, W1_new[0]![2]!],
    ];
    for (const [name, row, col, expected] of checks) {
      const cells = await readCells(page.locator(`[data-quantity="${name}"]`));
      const cell = cells.find((c) => c.row === row && c.col === col);
      expect(cell, `${name}[${row}][${col}] is printed`).toBeDefined();
      expect(
        Math.abs(Number(cell!.text) - expected),
        `${name}: ${cell!.text} vs ${expected}`,
      ).toBeLessThanOrEqual(0.5e-8 + 1e-12);
    }
  });
});
