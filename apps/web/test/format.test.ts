/** How numbers, scores and the question's clock are printed. */
import { describe, expect, it } from 'vitest';
import { DECIMALS, formatNumber, formatScore } from '../src/lib/format.ts';
import { clockText, remainingAt } from '../src/live/countdown.ts';

describe('formatNumber', () => {
  it('prints the deck’s 8 decimals, rounded', () => {
    expect(DECIMALS).toBe(8);
    expect(formatNumber(0.123456789)).toBe('0.12345679');
    expect(formatNumber(-2)).toBe('-2.00000000');
    expect(formatNumber(1234.5)).toBe('1234.50000000');
  });

  it('never prints a negative zero, however it arises', () => {
    expect(formatNumber(-0)).toBe('0.00000000');
    expect(formatNumber(-1e-12)).toBe('0.00000000');
    expect(formatNumber(-4.9e-9)).toBe('0.00000000');
    // half a unit in the last place or more keeps its sign
    expect(formatNumber(-6e-9)).toBe('-0.00000001');
  });

  it('says NaN and infinities in words a reader knows', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
});

describe('formatScore', () => {
  it('groups thousands and keeps at most 2 decimals', () => {
    expect(formatScore(12345)).toBe('12,345');
    expect(formatScore(1234567)).toBe('1,234,567');
    expect(formatScore(7 / 3)).toBe('2.33');
    expect(formatScore(2.5)).toBe('2.5');
    expect(formatScore(0)).toBe('0');
    expect(formatScore(-1500)).toBe('-1,500');
  });
});

describe('clockText', () => {
  it.each([
    [83_400, '1:24'],
    [60_000, '1:00'],
    [59_001, '1:00'],
    [9_000, '0:09'],
    [1, '0:01'],
    [0, '0:00'],
    [600_000, '10:00'],
  ])('%d ms is %s (rounded up: 0:00 only when time is up)', (ms, text) => {
    expect(clockText(ms)).toBe(text);
  });
});

describe('remainingAt', () => {
  it('counts down to the deadline and stops at zero', () => {
    const q = { deadline: 10_000, remainingMs: null };
    expect(remainingAt(q, 4_000)).toBe(6_000);
    expect(remainingAt(q, 10_000)).toBe(0);
    expect(remainingAt(q, 12_345)).toBe(0);
  });

  it('a paused timer is frozen at what was left, whatever the time', () => {
    const q = { deadline: null, remainingMs: 7_500 };
    expect(remainingAt(q, 0)).toBe(7_500);
    expect(remainingAt(q, 1e12)).toBe(7_500);
  });

  it('no timer, or no question, is null', () => {
    expect(remainingAt({ deadline: null, remainingMs: null }, 5)).toBeNull();
    expect(remainingAt(null, 5)).toBeNull();
  });
});
