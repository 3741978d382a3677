import type { Matrix, StepTrace, Value } from '@backprop/mlp-core';
import { expect, type Locator, type Page } from '@playwright/test';

/** The deck prints 8 decimals; a printed value is right when it is the true value rounded. */
export const PRINTED = /^-?\d+\.\d{8}$/;
const HALF_LAST_DIGIT = 0.5e-8 + 1e-12;

export interface Cell {
  row: number;
  col: number;
  text: string;
}

/** The printed cells of one card, in document order. */
export async function readCells(card: Locator): Promise<Cell[]> {
  return card.locator('[data-cell]').evaluateAll((nodes) =>
    nodes.map((node) => ({
      row: Number(node.getAttribute('data-row')),
      col: Number(node.getAttribute('data-col')),
      text: (node.textContent ?? '').trim(),
    })),
  );
}

export function asMatrix(value: Value): Matrix {
  return typeof value === 'number' ? [[value]] : value;
}

/** The card shows exactly this value: same shape, every cell the value to 8 decimals. */
export async function expectCardValue(card: Locator, value: Value, label: string): Promise<void> {
  const matrix = asMatrix(value);
  const cells = await readCells(card);
  const cols = matrix[0]?.length ?? 0;
  expect(cells.length, `${label}: number of printed cells`).toBe(matrix.length * cols);
  for (const cell of cells) {
    const expected = matrix[cell.row]?.[cell.col];
    expect(expected, `${label}[${cell.row}][${cell.col}] exists`).toBeDefined();
    expect(cell.text, `${label}[${cell.row}][${cell.col}] printed with 8 decimals`).toMatch(
      PRINTED,
    );
    const printed = Number(cell.text);
    expect(
      Math.abs(printed - (expected as number)),
      `${label}[${cell.row}][${cell.col}]: page ${cell.text}, mlp-core ${expected}`,
    ).toBeLessThanOrEqual(HALF_LAST_DIGIT);
  }
}

/** Every given and every quantity of the trace is on the page, in order, with its value. */
export async function expectPageShowsTrace(page: Page, trace: StepTrace): Promise<void> {
  const givens = Object.entries(trace.givens).filter(
    (given): given is [string, Matrix] => given[1] !== undefined,
  );
  const givenNames = givens.map(([name]) => name);
  const shownGivens = await page
    .locator('[data-given]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-given')));
  expect(shownGivens).toEqual(givenNames);
  for (const [name, value] of givens) {
    await expectCardValue(page.locator(`[data-given="${name}"]`), value, name);
  }

  const shownQuantities = await page
    .locator('[data-quantity]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-quantity')));
  expect(shownQuantities).toEqual(trace.entries.map((entry) => entry.name));
  for (const entry of trace.entries) {
    const card = page.locator(`[data-phase="${entry.phase}"] [data-quantity="${entry.name}"]`);
    await expect(card, `${entry.name} sits in the ${entry.phase} phase`).toHaveCount(1);
    // The formula is typeset (KaTeX) next to the value.
    await expect(card.locator('.katex').first()).toBeVisible();
    await expect(card.locator('annotation[encoding="application/x-tex"]')).toContainText(
      entry.formula,
    );
    await expectCardValue(card, entry.value, entry.name);
  }
}
