import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECK_CONFIG, type Matrix, traceStep } from '@backprop/mlp-core';
import { expect, test } from '@playwright/test';
import { expectPageShowsTrace, readCells } from './support/page-values.ts';
import { fixturePath, repoRoot } from './support/paths.ts';

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

  test('notes every slide error next to its quantity, and the bias-free XOR bound', async ({
    page,
  }, testInfo) => {
    await page.goto('/worked-example');
    const card = (name: string) => page.locator(`[data-quantity="${name}"]`);
    await expect(card('W1_new')).toContainText('greatest increase');
    await expect(card('h2')).toContainText('softmax');
    await expect(card('loss')).toContainText('N terms, not N + 1');
    await expect(card('dLoss_dh1')).toContainText('without a transpose');
    await expect(card('dLoss_dW2')).toContainText('sign-slipped');
    await expect(card('dLoss_dW1')).toContainText('the weights W2');
    await expect(card('W2_new')).toContainText('before dLoss/dh₁');
    for (const name of ['h2', 'loss', 'dh2_dz2', 'dLoss_dW2', 'dLoss_dh1', 'W1_new']) {
      await expect(card(name)).toContainText('Why it matters');
    }
    await expect(page.getByTestId('bias-free-bound')).toContainText('75%');
    mkdirSync(join(repoRoot, 'e2e/screenshots'), { recursive: true });
    await page.screenshot({
      path: join(repoRoot, `e2e/screenshots/worked-example-notes-${testInfo.project.name}.png`),
      fullPage: true,
    });
    await page.goto('/worked-example?bias=on');
    await expect(page.getByTestId('bias-free-bound')).toHaveCount(0);
    await expect(card('W1_new')).not.toContainText('greatest increase');
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
