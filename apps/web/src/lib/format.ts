/** Decimals the deck prints. */
export const DECIMALS = 8;

/** A number as the page prints it: fixed 8 decimals, never "-0.00000000". */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const text = value.toFixed(DECIMALS);
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}

const SCORE = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/**
 * Every score and point count on every screen, with thousands separators: 12,345 points; a
 * homework credit keeps up to 2 decimals (2.33). One helper so no screen prints "12345".
 */
export function formatScore(value: number): string {
  return SCORE.format(value);
}
