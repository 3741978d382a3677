/** What each screen sees ([V1]-[V6]), and the no-leak property over random lessons. */
import type { LessonView } from '@backprop/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  applyCommand,
  createLesson,
  type Envelope,
  type LessonCommand,
  type LessonState,
  playerIds,
  playerOf,
  replay,
  studentViewJson,
  viewFor,
} from '../src/index.ts';
import { shardGet } from '../src/shards.ts';
import { Driver, deepFreeze, farOff, I, rightAnswer, S, SYS, settingsWith } from './helpers.ts';

function student(state: LessonState, playerId: string) {
  const v = viewFor(state, { role: 'student', playerId });
  if (v.kind !== 'student') throw new Error('student view expected');
  return v;
}

describe('views', () => {
  it('[V1] known: givens, the quantities before the current one, the current one once revealed', () => {
    const settings = settingsWith({
      questions: [
        { quantity: 'z1', mode: 'numeric' },
        { quantity: 'loss', mode: 'numeric' },
      ],
    });
    const d = new Driver(settings);
    d.join('p1');
    expect(student(d.state, 'p1').known).toEqual({});
    d.do(I, { type: 'start' });
    expect(Object.keys(student(d.state, 'p1').known)).toEqual(['X', 'y', 'W1', 'W2']);
    d.do(I, { type: 'open' });
    d.do(I, { type: 'reveal' });
    expect(Object.keys(student(d.state, 'p1').known)).toContain('z1');
    d.do(I, { type: 'next' });
    // h1, z2, h2 were not asked: they come before the loss in the chain
    expect(Object.keys(student(d.state, 'p1').known)).toEqual([
      'X',
      'y',
      'W1',
      'W2',
      'z1',
      'h1',
      'z2',
      'h2',
    ]);
    d.do(I, { type: 'skip' });
    expect(d.state.phase).toBe('stepDone');
    expect(Object.keys(student(d.state, 'p1').known)).toContain('W1_new');
  });

  it("[V2] a student sees their own answer, never the others', and the truth only once revealed", () => {
    const d = new Driver();
    d.join('p1');
    d.join('p2');
    d.do(I, { type: 'start' });
    d.do(I, { type: 'open' });
    d.answer('p1', farOff(d.state), 'mine-0001');
    d.answer('p2', rightAnswer(d.state), 'theirs-001');
    const v = student(d.state, 'p1');
    expect(v.question?.truth).toBeNull();
    expect(v.myAnswer?.answerId).toBe('mine-0001');
    expect(JSON.stringify(v)).not.toContain('theirs-001');
    expect(v.myResult).toBeNull();
    expect(v.leaderboard).toEqual([]);
    d.do(I, { type: 'reveal' });
    const after = student(d.state, 'p1');
    expect(after.question?.truth).toEqual(d.state.question?.truth);
    expect(after.myResult).toMatchObject({ correct: false, points: 0 });
    expect(JSON.stringify(after)).not.toContain('theirs-001');
    expect(after.leaderboard.map((s) => s.playerId)).toEqual(['p2', 'p1']);
    expect(() => viewFor(d.state, { role: 'student', playerId: 'nobody' })).toThrow(RangeError);
  });

  it('[V2] choice options are values only: nothing says which is right', () => {
    const d = new Driver(settingsWith({ questions: [{ quantity: 'h2', mode: 'choice' }] }));
    d.join('p1');
    d.do(I, { type: 'start' });
    const json = JSON.stringify(student(d.state, 'p1'));
    expect(json).not.toMatch(
      /"kind":"(truth|misconception|generic)"|correctIndex|"misconception":/,
    );
    expect(student(d.state, 'p1').question?.options).toHaveLength(4);
  });

  it('[V3][V4] the instructor sees the truth, the roster and the live distribution without names', () => {
    const d = new Driver(settingsWith({ questions: [{ quantity: 'dLoss_dh2', mode: 'numeric' }] }));
    d.join('p1', 'Ada');
    d.join('p2', 'Bea');
    d.join('p3', 'Cy');
    d.do(I, { type: 'start' });
    d.do(I, { type: 'open' });
    const slip = d.state.question!.misconceptions[0]!;
    d.answer('p1', rightAnswer(d.state));
    d.answer('p2', { numbers: slip.value });
    const v = viewFor(d.state, { role: 'instructor' });
    if (v.kind !== 'instructor') throw new Error('instructor view expected');
    expect(v.question?.truth).toEqual(d.state.question?.truth);
    expect(v.question).toMatchObject({ answeredCount: 2, activeCount: 3 });
    expect(v.roster.map((r) => [r.nickname, r.answered, r.connected])).toEqual([
      ['Ada', true, false],
      ['Bea', true, false],
      ['Cy', false, false],
    ]);
    for (const entry of v.distribution) {
      expect(
        entry.correct +
          entry.other +
          Object.values(entry.misconceptions).reduce((a, b) => a + b, 0),
      ).toBe(2);
      expect(entry.correct).toBeGreaterThanOrEqual(1);
    }
    expect(v.distribution.some((e) => (e.misconceptions[slip.id] ?? 0) === 1)).toBe(true);
    expect(v.misconceptionLabels[slip.id]).toBe(slip.label);
    expect(JSON.stringify(v.distribution)).not.toMatch(/p1|p2|Ada|Bea/);
  });

  it('[V5][V6] the projector: nicknames, no truth or distribution before the reveal, leaderboard after', () => {
    const d = new Driver();
    d.join('p1', 'Ada');
    d.join('p2', 'Bea');
    d.do(I, { type: 'kick', playerId: 'p2' });
    d.do(I, { type: 'start' });
    d.do(I, { type: 'open' });
    d.answer('p1', rightAnswer(d.state));
    const before = viewFor(d.state, { role: 'projector' });
    if (before.kind !== 'projector') throw new Error('projector view expected');
    expect(before.nicknames).toEqual(['Ada']);
    const { dataSeed, n, hidden, bias, activation } = d.state.settings.network;
    expect(before.network).toEqual({ dataSeed, n, hidden, bias, activation });
    expect(before.question?.truth).toBeNull();
    expect(before.distribution).toEqual([]);
    expect(before.leaderboard).toEqual([]);
    d.do(I, { type: 'reveal' });
    const after = viewFor(d.state, { role: 'projector' });
    if (after.kind !== 'projector') throw new Error('projector view expected');
    expect(after.distribution.length).toBeGreaterThan(0);
    expect(after.leaderboard.map((s) => s.nickname)).toEqual(['Ada']);
  });
});

// ---- the no-leak property ----------------------------------------------------------------

const SETTINGS = settingsWith({
  questions: [
    { quantity: 'h1', mode: 'choice' },
    { quantity: 'z2', mode: 'sign' },
    { quantity: 'dLoss_dh2', mode: 'numeric' },
    { quantity: 'W2_new', mode: 'choice' },
  ],
  timerSeconds: 60,
  scoring: { speedBonus: true, streakBonus: true },
});
const PLAYERS = ['p0', 'p1', 'p2'];

type Step =
  | { kind: 'instructor'; command: LessonCommand }
  | { kind: 'join' | 'kick' | 'readmit'; player: number }
  | { kind: 'answer'; player: number; how: 'right' | 'wrong' | 'retry' | 'choice'; choice: number }
  | { kind: 'expire' }
  | { kind: 'tick'; ms: number }
  /** Puts a student's answer, or every answer with one of the question's slips, on the big screen. */
  | { kind: 'snapshot'; player: number; slip: boolean; k: number }
  /** The command that moves the lesson on from where it is, so runs get far into it. */
  | { kind: 'advance' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc
      .constantFrom<LessonCommand>(
        { type: 'start' },
        { type: 'open' },
        { type: 'lock' },
        { type: 'reveal' },
        { type: 'next' },
        { type: 'skip' },
        { type: 'pause' },
        { type: 'resume' },
        { type: 'fastForward', steps: 7 },
        { type: 'extendTimer' },
        { type: 'display', options: { anonymise: true, leaderboardLength: 3 } },
        { type: 'hideSnapshot' },
      )
      .map((command) => ({ kind: 'instructor' as const, command })),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('snapshot' as const),
      player: fc.nat(2),
      slip: fc.boolean(),
      k: fc.nat(3),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('join' as const, 'kick' as const, 'readmit' as const),
      player: fc.nat(2),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      player: fc.nat(2),
      how: fc.constantFrom('right' as const, 'wrong' as const, 'retry' as const, 'choice' as const),
      choice: fc.nat(3),
    }),
    weight: 8,
  },
  { arbitrary: fc.constant({ kind: 'expire' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'advance' as const }), weight: 10 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.nat(15_000) }), weight: 1 },
);

/** Every number anywhere in a JSON value. */
function numbersIn(x: unknown, out = new Set<number>()): Set<number> {
  if (typeof x === 'number') out.add(x);
  else if (Array.isArray(x)) for (const v of x) numbersIn(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) numbersIn(v, out);
  return out;
}

/** Numbers of the current trace the class must not see yet: unrevealed quantities, at or after the current one. */
function secretNumbers(state: LessonState): Set<number> {
  const out = new Set<number>();
  const q = state.question;
  if (state.phase !== 'question' || !q || !state.trace) return out;
  let reached = false;
  for (const e of state.trace.entries) {
    if (e.name === q.spec.quantity) reached = true;
    if (!reached || (e.name === q.spec.quantity && q.status === 'revealed')) continue;
    for (const x of numbersIn(e.value)) if (!Number.isInteger(x)) out.add(x);
  }
  return out;
}

/** The number that leaks, if any: a secret that is not also legitimately on the screen. */
function leak(state: LessonState, view: LessonView): number | null {
  // Allowed: what is known, the options offered (the truth is one of them, unmarked), what the
  // student typed themselves.
  const allowed = numbersIn(view.known);
  numbersIn(view.question?.options ?? [], allowed);
  if (view.kind === 'student') numbersIn(view.myAnswer?.value ?? null, allowed);
  const shown = numbersIn(JSON.parse(JSON.stringify(view)));
  for (const x of secretNumbers(state)) if (shown.has(x) && !allowed.has(x)) return x;
  return null;
}

/**
 * [V2][D3] Another student's name, id or answer in a student's view, if any: names only on the
 * leaderboard (the class's top ten after a reveal), no other student's answer anywhere.
 */
function othersIn(state: LessonState, view: LessonView, me: string): string | null {
  const { leaderboard: _shown, ...rest } = view;
  const text = JSON.stringify(rest);
  const q = state.question;
  const mine = numbersIn(view.kind === 'student' ? (view.myAnswer?.value ?? null) : null);
  const allowed = numbersIn(view.known);
  numbersIn(view.question?.options ?? [], allowed);
  for (const id of playerIds(state)) {
    if (id === me) continue;
    const p = playerOf(state, id)!;
    if (text.includes(`"${id}"`)) return `player id ${id}`;
    if (text.includes(`"${p.nickname}"`)) return `nickname ${p.nickname}`;
    const theirs = q ? shardGet(q.answers, id) : undefined;
    if (!theirs || 'choice' in theirs.value) continue;
    const shown = numbersIn(JSON.parse(text));
    for (const x of numbersIn(theirs.value)) {
      if (!Number.isInteger(x) && shown.has(x) && !mine.has(x) && !allowed.has(x)) {
        return `${p.nickname}'s answer ${x}`;
      }
    }
  }
  return null;
}

function advance(state: LessonState): LessonCommand {
  if (state.paused) return { type: 'resume' };
  if (state.phase === 'stepDone')
    return state.step % 2 ? { type: 'fastForward', steps: 3 } : { type: 'next' };
  const status = state.question?.status;
  if (status === 'shown') return { type: 'open' };
  if (status === 'revealed') return { type: 'next' };
  return { type: 'reveal' };
}

function run(steps: Step[]) {
  const input = { code: 'LEAKYZ', settings: SETTINGS, createdAt: 0 };
  let state = deepFreeze(createLesson(input));
  const log: Envelope[] = [];
  let now = 1_000;
  let answerSeq = 0;
  const lastAnswer = new Map<string, { answerId: string; value: unknown }>();
  const visit = () => {
    let checkedJson = false;
    for (const id of PLAYERS) {
      if (!playerOf(state, id)) continue;
      const v = viewFor(state, { role: 'student', playerId: id });
      expect(leak(state, v)).toBeNull();
      expect(othersIn(state, v, id)).toBeNull();
      // The server sends the JSON form: the same view, encoded in two parts (one student per
      // state keeps the property's run time).
      if (!checkedJson) expect(JSON.parse(studentViewJson(state, id))).toEqual(v);
      checkedJson = true;
    }
    const projector = viewFor(state, { role: 'projector' });
    expect(leak(state, projector)).toBeNull();
    // [D3] The snapshot on the big screen names nobody.
    const snapshot = JSON.stringify(projector.kind === 'projector' ? projector.snapshot : null);
    for (const id of playerIds(state)) {
      expect(snapshot).not.toContain(id);
      expect(snapshot).not.toContain(playerOf(state, id)!.nickname);
    }
  };
  for (const step of steps) {
    now += 500;
    let actor: Actor = I;
    let command: LessonCommand;
    if (step.kind === 'tick') {
      now += step.ms;
      continue;
    }
    if (step.kind === 'instructor') command = step.command;
    else if (step.kind === 'advance') command = advance(state);
    else if (step.kind === 'join') {
      actor = SYS;
      const id = PLAYERS[step.player]!;
      command = { type: 'join', playerId: id, nickname: `N${id}`, tokenHash: `h${id}` };
    } else if (step.kind === 'kick' || step.kind === 'readmit') {
      command = { type: step.kind, playerId: PLAYERS[step.player]! };
    } else if (step.kind === 'snapshot') {
      const q = state.question;
      const slip = q?.misconceptions[step.k % Math.max(1, q.misconceptions.length)];
      command =
        step.slip && slip
          ? { type: 'showSnapshot', target: { kind: 'slip', misconceptionId: slip.id } }
          : { type: 'showSnapshot', target: { kind: 'answer', playerId: PLAYERS[step.player]! } };
    } else if (step.kind === 'expire') {
      const deadline = state.question?.deadline;
      if (!state.question || deadline === null || deadline === undefined) continue;
      actor = SYS;
      now = Math.max(now, deadline);
      command = { type: 'expire', question: state.question.key };
    } else {
      const a = step as Extract<Step, { kind: 'answer' }>;
      const id = PLAYERS[a.player]!;
      actor = S(id);
      const q = state.question;
      if (!q) continue;
      const previous = lastAnswer.get(id);
      if (a.how === 'retry' && previous) {
        command = { type: 'answer', question: q.key, ...previous } as LessonCommand;
      } else {
        // A student who answers right knows the value: their own answer is allowed on their screen.
        const value =
          a.how === 'choice'
            ? { choice: a.choice }
            : a.how === 'right'
              ? rightAnswer(state)
              : farOff(state, 1 + a.player);
        const answerId = `a-${String(++answerSeq).padStart(8, '0')}`;
        command = { type: 'answer', answerId, question: q.key, value };
        lastAnswer.set(id, { answerId, value });
      }
    }
    const envelope: Envelope = { actor, at: now, command };
    const result = applyCommand(state, envelope);
    if (result.ok && result.state !== state) {
      log.push(envelope);
      state = deepFreeze(result.state);
    }
    visit();
  }
  expect(replay(input, log)).toEqual(state);
}

describe('no leak', () => {
  it("[V1][V2][V6][D3] in every state of a random lesson, no student or projector view holds an unrevealed truth, no student view another student's name or answer, no snapshot a name; replay equals live", () => {
    fc.assert(
      fc.property(
        fc
          .array(stepArb, { minLength: 5, maxLength: 60 })
          .map((steps) => [
            { kind: 'join', player: 0 } as Step,
            { kind: 'join', player: 1 } as Step,
            { kind: 'instructor', command: { type: 'start' } } as Step,
            ...steps,
          ]),
        (steps) => run(steps),
      ),
      { numRuns: 200 },
    );
    // 200 random lessons take 2-4.5 s on a loaded 2-core machine, near vitest's 5 s default.
  }, 30_000);

  it('the property can fail: a view that carries the truth is caught', () => {
    const d = new Driver(SETTINGS);
    d.join('p0');
    d.do(I, { type: 'start' });
    d.do(I, { type: 'skip' });
    d.do(I, { type: 'skip' }); // dLoss_dh2, asked with numbers: no options on screen
    d.do(I, { type: 'open' });
    const v = viewFor(d.state, { role: 'student', playerId: 'p0' });
    const leaky = { ...v, question: { ...v.question!, truth: d.state.question!.truth } };
    expect(leak(d.state, leaky)).not.toBeNull();
  });

  it("the property can fail: another student's name or answer in a student view is caught", () => {
    const d = new Driver(SETTINGS);
    d.join('p0', 'Ada');
    d.join('p1', 'Bob');
    d.do(I, { type: 'start' });
    d.do(I, { type: 'skip' });
    d.do(I, { type: 'skip' }); // dLoss_dh2, answered with numbers
    d.do(I, { type: 'open' });
    d.answer('p1', farOff(d.state, 2));
    const v = viewFor(d.state, { role: 'student', playerId: 'p0' });
    expect(othersIn(d.state, v, 'p0')).toBeNull();
    const named = { ...v, me: { ...(v as { me: object }).me, nickname: 'Bob' } } as LessonView;
    expect(othersIn(d.state, named, 'p0')).toBe('nickname Bob');
    const theirs = shardGet(d.state.question!.answers, 'p1')!.value;
    const copied = { ...v, myResult: { copied: theirs } } as unknown as LessonView;
    expect(othersIn(d.state, copied, 'p0')).toMatch(/^Bob's answer/);
  });
});
