/** The verdict's words on a graded answer: right, partly right (how many entries) or wrong. */
import type { GradedAnswer } from '@backprop/contract';

export type Tone = 'right' | 'partial' | 'wrong' | 'none';

/** `again`: the student may try again (homework), so a wrong answer is "not right yet". */
export function verdictOf(
  graded: GradedAnswer | null,
  again = false,
): { icon: string; text: string; tone: Tone } {
  if (!graded) return { icon: '–', text: 'You did not answer this one', tone: 'none' };
  if (graded.correct) return { icon: '✓', text: 'Right!', tone: 'right' };
  const right = graded.entries.filter((e) => e.correct).length;
  if (right > 0) {
    return {
      icon: '◐',
      text: `Partly right: ${right} of ${graded.entries.length} entries`,
      tone: 'partial',
    };
  }
  return { icon: '✗', text: again ? 'Not right yet' : 'Not this time', tone: 'wrong' };
}
