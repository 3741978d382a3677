/**
 * [Q11] A lesson that opens each question as it is shown: two instructor presses per question
 * (Reveal, Next), the timer from the showing command's time, replayable.
 */
import { describe, expect, it } from 'vitest';
import {
  allowedCommands,
  applyCommand,
  askedQuestions,
  createLesson,
  type LessonEvent,
  nextAction,
  playerOf,
  replay,
  viewFor,
} from '../src/index.ts';
import { Driver, I, rightAnswer, settingsWith } from './helpers.ts';

const QUESTIONS = [
  { quantity: 'z1', mode: 'numeric' },
  { quantity: 'dh2_dz2', mode: 'sign' },
  { quantity: 'W1_new', mode: 'choice' },
] as const;

const ON = settingsWith({ questions: [...QUESTIONS], timerSeconds: 90, openOnShow: true });
const OFF = settingsWith({ questions: [...QUESTIONS], timerSeconds: 90 });

function withStudents(settings = ON) {
  const d = new Driver(settings);
  d.join('p1', 'Ada');
  d.join('p2', 'Bob');
  return d;
}

describe('[Q11] openOnShow', () => {
  it('[Q11] start shows and opens the first question in one command; the timer starts then', () => {
    const d = withStudents();
    const events = d.do(I, { type: 'start' }, { at: 2_000_000 });
    expect(events.map((e) => e.type)).toEqual(['questionShown', 'questionOpened']);
    expect(d.state.question).toMatchObject({ status: 'open', deadline: 2_000_000 + 90_000 });
    expect(nextAction(d.state)).toBe('reveal');
    expect(allowedCommands(d.state)).not.toContain('open');
    d.refuse(I, { type: 'open' }, 'WRONG_PHASE');
    // Students can answer at once, and the phone says so.
    const phone = viewFor(d.state, { role: 'student', playerId: 'p1' });
    expect(phone.phase === 'question' && phone.question?.status).toBe('open');
    d.answer('p1', rightAnswer(d.state));
  });

  it('[Q11] the whole step takes Start, then Reveal and Next per question: two presses each', () => {
    const d = withStudents();
    const presses: string[] = [];
    const press = () => {
      const type = nextAction(d.state)!;
      presses.push(type);
      d.do(I, { type } as never);
    };
    press(); // start
    while (d.state.phase === 'question') {
      d.answer('p1', rightAnswer(d.state));
      d.answer('p2', rightAnswer(d.state));
      // Every student answered: locked by itself ([Q4]), no timer ran out.
      expect(d.state.question!.status).toBe('locked');
      press(); // reveal
      press(); // next
    }
    expect(presses).toEqual(['start', 'reveal', 'next', 'reveal', 'next', 'reveal', 'next']);
    expect(d.state.phase).toBe('stepDone');
    expect(playerOf(d.state, 'p1')!.score).toBeGreaterThan(0);
    // From stepDone, next quizzes the next step, opened too ([Q7]).
    d.do(I, { type: 'next' });
    expect(d.state.question).toMatchObject({ key: { step: 1, index: 0 }, status: 'open' });
    d.checkReplay();
  });

  it('[Q11] skip shows the next question open; the skipped one stays unscored', () => {
    const d = withStudents();
    d.do(I, { type: 'start' });
    const events = d.do(I, { type: 'skip' }, { at: 3_000_000 });
    expect(events.map((e) => e.type)).toEqual([
      'questionSkipped',
      'questionShown',
      'questionOpened',
    ]);
    expect(d.state.question).toMatchObject({
      key: { step: 0, index: 1 },
      status: 'open',
      deadline: 3_000_000 + 90_000,
    });
    d.checkReplay();
  });

  it('[Q11] off (the default, and absent in older lessons): shown, then Open, as before', () => {
    const d = withStudents(OFF);
    expect(OFF.openOnShow).toBeUndefined();
    d.do(I, { type: 'start' });
    expect(d.state.question!.status).toBe('shown');
    expect(nextAction(d.state)).toBe('open');
    const d2 = withStudents({ ...OFF, openOnShow: false });
    d2.do(I, { type: 'start' });
    expect(d2.state.question!.status).toBe('shown');
  });

  it('[Q11][C4] replay opens at the logged time: the same deadline, the same state', () => {
    const d = withStudents();
    d.do(I, { type: 'start' }, { at: 5_000_000 });
    d.do(I, { type: 'reveal' }, { at: 5_010_000 });
    d.do(I, { type: 'next' }, { at: 5_020_000 });
    const again = replay(d.input, d.log);
    expect(again).toEqual(d.state);
    expect(again.question!.deadline).toBe(5_020_000 + 90_000);
  });

  it('[Q11][RP1] the report dates each question from the command that showed and opened it', () => {
    const d = withStudents();
    const shownAt: number[] = [];
    let at = 6_000_000;
    d.do(I, { type: 'start' }, { at });
    shownAt.push(at);
    while (d.state.phase === 'question') {
      d.answer('p1', rightAnswer(d.state));
      d.answer('p2', rightAnswer(d.state));
      at += 20_000;
      d.do(I, { type: 'reveal' }, { at });
      at += 10_000;
      d.do(I, { type: 'next' }, { at });
      if (d.state.phase === 'question') shownAt.push(at);
    }
    let state = createLesson(d.input);
    const entries: { at: number; events: LessonEvent[] }[] = [];
    for (const envelope of d.log) {
      const result = applyCommand(state, envelope);
      if (!result.ok) throw new Error(result.error.message);
      state = result.state;
      entries.push({ at: envelope.at, events: result.events });
    }
    const asked = askedQuestions(ON, entries);
    expect(asked.map((q) => q.openedAt)).toEqual(shownAt);
    for (const q of asked) expect(q.present).toEqual(['p1', 'p2']);
  });
});
