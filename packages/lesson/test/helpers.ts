/** A test driver: applies envelopes to a deep-frozen state (so any mutation throws) and logs them. */
import { type AnswerValue, DECK_PRESET, type LessonSettings } from '@backprop/contract';
import { expect } from 'vitest';
import {
  type Actor,
  type ApplyResult,
  applyCommand,
  type CreateLessonInput,
  createLesson,
  type Envelope,
  type LessonCommand,
  type LessonState,
  replay,
} from '../src/index.ts';

export const I: Actor = { role: 'instructor' };
export const SYS: Actor = { role: 'system' };
export const S = (playerId: string): Actor => ({ role: 'student', playerId });

export function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

let answerSeq = 0;
export const answerId = () => `ans-${String(++answerSeq).padStart(6, '0')}`;

export class Driver {
  readonly input: CreateLessonInput;
  state: LessonState;
  readonly log: Envelope[] = [];
  now = 1_000_000;

  constructor(settings: LessonSettings = DECK_PRESET, code = 'ABCDEF', choiceSalt?: string) {
    this.input = { code, settings, createdAt: this.now, ...(choiceSalt && { choiceSalt }) };
    this.state = deepFreeze(createLesson(this.input));
  }

  /** Applies a command; on success the new state (frozen) replaces the old one. */
  try(actor: Actor, command: LessonCommand, opts: { at?: number; expectedVersion?: number } = {}) {
    if (opts.at !== undefined) this.now = opts.at;
    const envelope: Envelope = { actor, at: this.now, command };
    if (opts.expectedVersion !== undefined) envelope.expectedVersion = opts.expectedVersion;
    const before = JSON.stringify(this.state);
    const result: ApplyResult = applyCommand(this.state, envelope);
    expect(JSON.stringify(this.state)).toBe(before);
    if (result.ok && result.state !== this.state) {
      this.log.push(envelope);
      this.state = deepFreeze(result.state);
    }
    return result;
  }

  /** Applies a command that must be accepted; returns its events. */
  do(actor: Actor, command: LessonCommand, opts: { at?: number } = {}) {
    const result = this.try(actor, command, opts);
    if (!result.ok)
      throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
    return result.events;
  }

  /** Expects a refusal with `code`, and no change. */
  refuse(
    actor: Actor,
    command: LessonCommand,
    code: string,
    opts: { at?: number; expectedVersion?: number } = {},
  ) {
    const before = this.state;
    const result = this.try(actor, command, opts);
    expect(result.ok ? 'accepted' : result.error.code).toBe(code);
    expect(this.state).toBe(before);
  }

  join(playerId: string, nickname = playerId) {
    return this.do(SYS, { type: 'join', playerId, nickname, tokenHash: `hash-${playerId}` });
  }

  answer(playerId: string, value: AnswerValue, id = answerId()) {
    return this.do(S(playerId), { type: 'answer', answerId: id, question: this.key(), value });
  }

  key() {
    const q = this.state.question;
    if (!q) throw new Error('no current question');
    return q.key;
  }

  /** Replaying the log gives the live state. */
  checkReplay() {
    expect(replay(this.input, this.log)).toEqual(this.state);
  }
}

/** The current question's right answer in its mode. */
export function rightAnswer(state: LessonState): AnswerValue {
  const q = state.question!;
  const tol = q.spec.tolerance ?? state.settings.tolerance;
  if (q.spec.mode === 'choice') return { choice: q.correctIndex! };
  if (q.spec.mode === 'sign') {
    const sign = (x: number) => (Math.abs(x) <= tol.absolute ? 0 : Math.sign(x));
    return { signs: typeof q.truth === 'number' ? sign(q.truth) : q.truth.map((r) => r.map(sign)) };
  }
  return { numbers: q.truth };
}

/** A wrong answer that matches no misconception (every entry far off). */
export function farOff(state: LessonState): AnswerValue {
  const q = state.question!;
  if (q.spec.mode === 'choice') return { choice: (q.correctIndex! + 1) % q.options!.length };
  const shift = (x: number) => x + 37.25;
  if (q.spec.mode === 'sign') {
    const t = rightAnswer(state) as { signs: number | number[][] };
    const flip = (x: number) => (x === 1 ? -1 : 1);
    return { signs: typeof t.signs === 'number' ? flip(t.signs) : t.signs.map((r) => r.map(flip)) };
  }
  return {
    numbers: typeof q.truth === 'number' ? shift(q.truth) : q.truth.map((r) => r.map(shift)),
  };
}

export function settingsWith(patch: Partial<LessonSettings>): LessonSettings {
  return { ...DECK_PRESET, ...patch };
}
