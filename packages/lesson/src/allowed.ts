/**
 * [C6] Which instructor commands the lesson accepts now: computed into the instructor's view so
 * the console enables its buttons from the rules, not from a copy of them. A property test checks
 * that this agrees with `applyCommand` in every state of random lessons.
 */
import type { InstructorCommandType } from '@backprop/contract';
import { shardEntries } from './shards.ts';
import { type LessonState, playerOf } from './state.ts';

/**
 * Every instructor command type `applyCommand` accepts in `state` (without `expect`): for the
 * argument-less ones exactly, for `fastForward` with any valid step count, and for `kick`,
 * `readmit` and `showSnapshot` when some argument would be accepted.
 */
export function allowedCommands(state: LessonState): InstructorCommandType[] {
  const allowed: InstructorCommandType[] = [];
  if (state.phase === 'finished') return allowed; // [P5]
  const q = state.phase === 'question' ? state.question : null;
  const status = q?.status ?? null;
  const moving = !state.paused; // [P1]
  if (state.phase === 'lobby') allowed.push('start');
  if (q && moving) {
    if (status === 'shown') allowed.push('open');
    if (status === 'open') allowed.push('lock');
    if (status === 'open' || status === 'locked') allowed.push('reveal');
    if (status !== 'revealed') allowed.push('skip');
  }
  if ((q && moving && status === 'revealed') || state.phase === 'stepDone') allowed.push('next');
  if (q && !state.paused) allowed.push('pause');
  if (state.paused) allowed.push('resume');
  if (state.phase === 'stepDone') allowed.push('fastForward');
  // [T3] Only between steps, on a network that has none yet.
  if (state.phase === 'stepDone' && !state.settings.network.bias) allowed.push('addBiases');
  if (q && status === 'open' && (q.deadline !== null || q.remainingMs !== null)) {
    allowed.push('extendTimer');
  }
  if (state.activeTotal > 0) allowed.push('kick');
  if (state.kickedIds.length > 0) allowed.push('readmit');
  allowed.push('display');
  if (q && status !== 'shown') {
    for (const [id] of shardEntries(q.answers)) {
      if (!playerOf(state, id)?.kicked) {
        allowed.push('showSnapshot');
        break;
      }
    }
  }
  if (state.snapshot) allowed.push('hideSnapshot');
  allowed.push('end');
  return allowed;
}

/**
 * The console's primary "next action": the command that moves the lesson on from here
 * (Resume, Start, Open, Reveal, Next), or null once finished.
 */
export function nextAction(state: LessonState): InstructorCommandType | null {
  if (state.phase === 'finished') return null;
  if (state.paused) return 'resume';
  if (state.phase === 'lobby') return 'start';
  if (state.phase === 'stepDone') return 'next';
  const status = state.question?.status;
  if (status === 'shown') return 'open';
  if (status === 'open' || status === 'locked') return 'reveal';
  return 'next';
}
