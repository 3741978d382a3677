import { type ProjectorView, stepDoneLabel, type TrainingFrame } from '@backprop/contract';
import type { Value } from '@backprop/mlp-core';
import { formatNumber } from '../lib/format.ts';
import { displayName } from './display-options.ts';

function valueText(value: Value): string {
  if (typeof value === 'number') return formatNumber(value);
  return value.map((row) => row.map(formatNumber).join(', ')).join('; ');
}

/**
 * What the screen says to screen readers, derived from the state: a live region announces a
 * change of its text, so the message changes exactly when something worth saying happens (a
 * question shown, answers opened, the timer's end, a lock, a reveal, a pause, the end of a
 * fast-forward, the end of the lesson), and not on every tick or every answer.
 */
export function announcement(
  view: ProjectorView | null,
  frames: readonly TrainingFrame[],
  remainingMs: number | null,
  anonymise: boolean,
): string {
  if (!view) return '';
  switch (view.phase) {
    case 'lobby':
      return '';
    case 'question': {
      const q = view.question;
      if (!q) return '';
      const what = `${q.quantity}, question ${view.questionIndex + 1} of ${view.questionCount}`;
      if (view.paused) return `Paused: ${what}.`;
      switch (q.status) {
        case 'shown':
          return `Next question: what is ${what}? Answers open soon.`;
        case 'open':
          if (remainingMs === 0) return `Time is up for ${q.quantity}.`;
          return `Answers are open for ${what}.`;
        case 'locked':
          return `Answers locked for ${q.quantity}.`;
        case 'revealed':
          return q.truth === null
            ? `Revealed: ${q.quantity}.`
            : `Revealed: the true value of ${q.quantity} is ${valueText(q.truth)}.`;
      }
      return '';
    }
    case 'stepDone': {
      const last = frames.at(-1);
      if (last?.last) {
        return `Fast-forward done after ${last.step.toLocaleString('en')} training steps: loss ${last.loss.toFixed(3)}, accuracy ${Math.round(last.accuracy * 100)}%.`;
      }
      if (last) return 'Fast-forwarding the training.';
      return `${stepDoneLabel(view.quizStep, view.step)}.`;
    }
    case 'finished': {
      const first = view.leaderboard[0];
      return first
        ? `The lesson is over. First place: ${displayName(first.nickname, view.nicknames, anonymise)} with ${first.score} points.`
        : 'The lesson is over.';
    }
  }
}
