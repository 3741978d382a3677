/** A student's rank is shown only once it means something (before a reveal all are "rank 1"). */
import type { QuestionView, StudentView } from '@backprop/contract';
import { describe, expect, it } from 'vitest';
import { rankShown } from '../src/play/student-screen.tsx';

/** The fields rankShown reads; the rest of a view does not matter to it. */
const view = (
  phase: StudentView['phase'],
  status: QuestionView['status'] | null,
  score: number,
  rank: number,
): StudentView =>
  ({
    phase,
    question: status === null ? null : { status },
    me: { score, rank },
  }) as StudentView;

describe('rankShown', () => {
  it('never in the lobby', () => {
    expect(rankShown(view('lobby', null, 0, 1))).toBe(false);
  });

  it('before the first reveal, everyone at 0 points: hidden while shown, open or locked', () => {
    for (const status of ['shown', 'open', 'locked'] as const) {
      expect(rankShown(view('question', status, 0, 1)), status).toBe(false);
    }
  });

  it('at a reveal, between steps and at the end: shown, even at 0 points', () => {
    expect(rankShown(view('question', 'revealed', 0, 1))).toBe(true);
    expect(rankShown(view('stepDone', null, 0, 1))).toBe(true);
    expect(rankShown(view('finished', null, 0, 3))).toBe(true);
  });

  it('on a later question: shown once the student has points or is behind someone', () => {
    expect(rankShown(view('question', 'open', 1200, 1))).toBe(true);
    expect(rankShown(view('question', 'open', 0, 4))).toBe(true);
  });
});
