// Refuses guessable passwords ("password", "12345678", "aaaaaaaa", the name or email reused) with
// zxcvbn-ts: its common-password lists, keyboard patterns and repeats estimate how many guesses a
// password takes. Loaded once per process (the dictionaries are a few MB).
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn's 0-4 scale: 3 is "safely unguessable" against online guessing and a slow hash. */
export const MIN_PASSWORD_SCORE = 3;

let zxcvbn: ZxcvbnFactory | undefined;

/** Null when strong enough; else a sentence for the instructor (zxcvbn's own advice first). */
export function weakPasswordReason(password: string, userInputs: string[]): string | null {
  zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const result = zxcvbn.check(password, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const advice = result.feedback.warning ?? result.feedback.suggestions[0];
  return `This password is too easy to guess${advice ? ` (${advice.replace(/\.$/, '')})` : ''}: add a few uncommon words.`;
}
