/** Colour-blind-safe signs and classes: blue positive / class 1, orange negative / class 0. */
export const POSITIVE = '#1d4ed8';
export const NEGATIVE = '#c2410c';
export const NEUTRAL = '#64748b';
