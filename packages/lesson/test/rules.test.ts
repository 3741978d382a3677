/** Unit tests of the lesson's rules, one SPEC.md rule each (fake clock: explicit `at`). */
import { DECK_PRESET, type LessonSettings } from '@backprop/contract';
import { multipleChoice } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  answerOf,
  applyCommand,
  CHOICE_COUNT,
  choiceSeed,
  findPlayerByTokenHash,
  nextDeadline,
  POINTS,
  playerCount,
  playerIds,
  playerOf,
  viewFor,
} from '../src/index.ts';
import { shardBuckets, shardEntries } from '../src/shards.ts';
import { Driver, farOff, I, rightAnswer, S, SYS, settingsWith } from './helpers.ts';

const TIMED: LessonSettings = settingsWith({
  timerSeconds: 30,
  scoring: { speedBonus: true, streakBonus: true },
});

/** A lesson with students joined and the first question shown. */
function started(settings: LessonSettings = DECK_PRESET, players = ['p1', 'p2']) {
  const d = new Driver(settings);
  for (const p of players) d.join(p);
  d.do(I, { type: 'start' }, { at: 1_000 });
  return d;
}

describe('commands', () => {
  it('[C1] a refusal changes nothing and the input state is never mutated', () => {
    const d = started();
    const before = d.state;
    const r = applyCommand(before, { actor: I, at: 2_000, command: { type: 'reveal' } });
    expect(r.ok).toBe(false);
    // the driver's states are deep-frozen: a mutating handler would have thrown
    d.do(I, { type: 'open' });
    expect(d.state).not.toBe(before);
    expect(before.question?.status).toBe('shown');
  });

  it('[C2] version counts accepted commands; a stale expectedVersion is refused', () => {
    const d = started();
    expect(d.state.version).toBe(3); // two joins and the start
    d.refuse(I, { type: 'open' }, 'STALE_VERSION', { expectedVersion: 2 });
    d.try(I, { type: 'open' }, { expectedVersion: 3 });
    expect(d.state.version).toBe(4);
  });

  it('[C3] the role is checked before the version', () => {
    const d = started();
    d.refuse(S('p1'), { type: 'open' }, 'NOT_INSTRUCTOR', { expectedVersion: 0 });
  });

  it('[C4] replay of the log equals the live state', () => {
    const d = started(TIMED);
    d.do(I, { type: 'open' }, { at: 2_000 });
    d.answer('p1', rightAnswer(d.state));
    d.do(I, { type: 'reveal' });
    d.checkReplay();
  });

  it('[C4] replay throws on a refused entry', async () => {
    const { replay } = await import('../src/index.ts');
    expect(() =>
      replay({ code: 'ABCDEF', settings: DECK_PRESET, createdAt: 0 }, [
        { actor: I, at: 1, command: { type: 'open' } },
      ]),
    ).toThrow(/refused: WRONG_PHASE/);
  });
});

describe('roles', () => {
  const instructorCommands = [
    { type: 'start' },
    { type: 'open' },
    { type: 'lock' },
    { type: 'reveal' },
    { type: 'next' },
    { type: 'skip' },
    { type: 'pause' },
    { type: 'resume' },
    { type: 'fastForward', steps: 10 },
    { type: 'kick', playerId: 'p2' },
    { type: 'readmit', playerId: 'p2' },
    { type: 'end' },
  ] as const;

  it('[R1] a student sending any instructor command: NOT_INSTRUCTOR', () => {
    const d = started();
    for (const command of instructorCommands) d.refuse(S('p1'), command, 'NOT_INSTRUCTOR');
    d.refuse(SYS, { type: 'start' }, 'NOT_INSTRUCTOR');
  });

  it('[R2] an answer from an instructor or the system: NOT_STUDENT; unknown student: UNKNOWN_PLAYER', () => {
    const d = started();
    d.do(I, { type: 'open' });
    const command = {
      type: 'answer',
      answerId: 'abcdefgh',
      question: d.key(),
      value: rightAnswer(d.state),
    } as const;
    d.refuse(I, command, 'NOT_STUDENT');
    d.refuse(SYS, command, 'NOT_STUDENT');
    d.refuse(S('nobody'), command, 'UNKNOWN_PLAYER');
  });

  it('[R3] join and expire from anyone but the system: INVALID_INPUT', () => {
    const d = started();
    d.refuse(I, { type: 'join', playerId: 'x', nickname: 'X', tokenHash: 'h' }, 'INVALID_INPUT');
    d.refuse(S('p1'), { type: 'expire', question: { step: 0, index: 0 } }, 'INVALID_INPUT');
  });

  it('[R1] malformed commands: INVALID_INPUT', () => {
    const d = started();
    d.refuse(I, { type: 'fastForward', steps: -1 }, 'INVALID_INPUT');
    d.refuse(I, { type: 'dance' } as never, 'INVALID_INPUT');
    d.do(I, { type: 'open' });
    d.refuse(
      S('p1'),
      { type: 'answer', answerId: 'x', question: d.key(), value: rightAnswer(d.state) },
      'INVALID_INPUT',
    );
  });
});

describe('the question cycle', () => {
  it('[Q1] a new lesson is in the lobby at step 0; start shows the first question', () => {
    const d = new Driver();
    expect(d.state).toMatchObject({ phase: 'lobby', step: 0, offset: 0, version: 0 });
    const events = d.do(I, { type: 'start' });
    expect(events).toEqual([{ type: 'questionShown', question: { step: 0, index: 0 } }]);
    expect(d.state.question?.status).toBe('shown');
    d.refuse(I, { type: 'start' }, 'WRONG_PHASE');
  });

  it('[Q2] choice options come from a seed of the lesson and the question: the same on replay', () => {
    const settings = settingsWith({ questions: [{ quantity: 'h2', mode: 'choice' }] });
    const a = started(settings);
    const b = started(settings);
    expect(a.state.question?.options).toEqual(b.state.question?.options);
    expect(a.state.question?.options).toHaveLength(4);
    const other = new Driver(settings, 'ZZZZZZ');
    other.do(I, { type: 'start' });
    // another lesson may shuffle differently; both hold the truth exactly once
    for (const d of [a, other]) {
      const q = d.state.question!;
      expect(q.options?.filter((o) => o.kind === 'truth')).toHaveLength(1);
      expect(q.options?.[q.correctIndex!]?.value).toEqual(q.truth);
    }
  });

  it('[Q2] with a secret salt, the right option cannot be computed from the code (at chance)', () => {
    // What a student holds: the join code, the question key in their view, and mlp-core (in the
    // web bundle), which computes the deck's public trace. Without the salt that finds the
    // right option every time; with it, about one time in CHOICE_COUNT.
    const quantities = ['h2', 'dLoss_dh2', 'dh2_dz2'] as const;
    const settings = settingsWith({
      questions: quantities.map((quantity) => ({ quantity, mode: 'choice' as const })),
    });
    const hits = { unsalted: 0, salted: 0 };
    let asked = 0;
    for (let i = 0; i < 16; i += 1) {
      const code = `LES${String(i).padStart(3, '0')}`;
      for (const salt of [undefined, `secret-salt-${i}-Xq8`] as const) {
        const d = new Driver(settings, code, salt);
        d.join('p1');
        d.do(I, { type: 'start' });
        for (let index = 0; index < quantities.length; index += 1) {
          const q = d.state.question!;
          const guess = multipleChoice(d.state.trace!, quantities[index]!, {
            seed: choiceSeed(code, q.key),
            count: CHOICE_COUNT,
          }).correctIndex;
          if (guess === q.correctIndex) hits[salt ? 'salted' : 'unsalted'] += 1;
          if (salt) {
            asked += 1;
            for (const viewer of [
              { role: 'student', playerId: 'p1' },
              { role: 'projector' },
            ] as const) {
              expect(JSON.stringify(viewFor(d.state, viewer))).not.toContain(salt);
            }
          }
          d.do(I, { type: 'skip' });
        }
      }
    }
    expect(hits.unsalted).toBe(asked);
    // 48 questions at chance (p = 1/4): 24 or more hits has probability below 1e-4.
    expect(hits.salted).toBeLessThan(asked / 2);
  });

  it('[Q3] open starts the timer; nextDeadline tells the server when to expire', () => {
    const d = started(TIMED);
    expect(nextDeadline(d.state)).toBeNull();
    const events = d.do(I, { type: 'open' }, { at: 10_000 });
    expect(events).toEqual([
      { type: 'questionOpened', question: { step: 0, index: 0 }, deadline: 40_000 },
    ]);
    expect(nextDeadline(d.state)).toEqual({ question: { step: 0, index: 0 }, at: 40_000 });
    d.refuse(I, { type: 'open' }, 'WRONG_PHASE');
  });

  it('[Q3] without a timer there is no deadline', () => {
    const d = started();
    d.do(I, { type: 'open' });
    expect(d.state.question?.deadline).toBeNull();
    expect(nextDeadline(d.state)).toBeNull();
  });

  it('[Q4] expire locks at or after the deadline, not before, and only the current open question', () => {
    const d = started(TIMED);
    d.do(I, { type: 'open' }, { at: 10_000 });
    const key = d.key();
    d.refuse(SYS, { type: 'expire', question: key }, 'WRONG_PHASE', { at: 39_999 });
    d.refuse(SYS, { type: 'expire', question: { step: 0, index: 1 } }, 'QUESTION_CLOSED', {
      at: 40_000,
    });
    expect(d.do(SYS, { type: 'expire', question: key }, { at: 40_000 })).toEqual([
      { type: 'questionLocked', question: key, reason: 'timer' },
    ]);
    expect(nextDeadline(d.state)).toBeNull();
    d.refuse(SYS, { type: 'expire', question: key }, 'QUESTION_CLOSED', { at: 40_001 });
  });

  it('[Q4] the instructor locks; everyone answering locks', () => {
    const d = started();
    d.do(I, { type: 'open' });
    expect(d.do(I, { type: 'lock' })).toEqual([
      { type: 'questionLocked', question: d.key(), reason: 'instructor' },
    ]);
    d.refuse(I, { type: 'lock' }, 'WRONG_PHASE');
    d.do(I, { type: 'reveal' });
    d.do(I, { type: 'next' });
    d.do(I, { type: 'open' });
    expect(d.answer('p1', rightAnswer(d.state))).toHaveLength(1);
    expect(d.answer('p2', farOff(d.state)).at(-1)).toMatchObject({
      type: 'questionLocked',
      reason: 'allAnswered',
    });
  });

  it('[Q5] reveal of a shown question is refused; of an open one locks first', () => {
    const d = started();
    d.refuse(I, { type: 'reveal' }, 'WRONG_PHASE');
    d.do(I, { type: 'open' });
    d.answer('p1', rightAnswer(d.state));
    const events = d.do(I, { type: 'reveal' });
    expect(events.map((e) => e.type)).toEqual(['questionLocked', 'questionRevealed']);
    d.refuse(I, { type: 'reveal' }, 'WRONG_PHASE');
  });

  it('[Q6] next needs a reveal; after the last question the step is done and the update applies', () => {
    const settings = settingsWith({ questions: [{ quantity: 'loss', mode: 'numeric' }] });
    const d = started(settings);
    d.refuse(I, { type: 'next' }, 'WRONG_PHASE');
    d.do(I, { type: 'open' });
    d.do(I, { type: 'reveal' });
    const trace = d.state.trace!;
    expect(d.do(I, { type: 'next' })).toEqual([{ type: 'stepDone', step: 0 }]);
    expect(d.state).toMatchObject({ phase: 'stepDone', step: 1, offset: 1, question: null });
    const w2 = trace.entries.find((e) => e.name === 'W2_new')!.value as number[][];
    expect(d.state.params.W2).toEqual(w2.flat());
  });

  it('[Q7] from stepDone, next quizzes the next batch on the new weights', () => {
    const settings = settingsWith({ questions: [{ quantity: 'z1', mode: 'numeric' }] });
    const d = started(settings);
    d.do(I, { type: 'skip' });
    d.do(I, { type: 'next' });
    expect(d.state.question?.key).toEqual({ step: 1, index: 0 });
    expect(d.state.trace?.offset).toBe(1);
    expect(d.state.trace?.givens.W1?.flat()).toEqual(d.state.params.W1);
  });

  it('[Q8] skip moves on from shown, open or locked, without scoring or touching streaks', () => {
    const d = started();
    expect(d.do(I, { type: 'skip' })[0]).toEqual({
      type: 'questionSkipped',
      question: { step: 0, index: 0 },
    });
    d.do(I, { type: 'open' });
    d.answer('p1', rightAnswer(d.state));
    d.do(I, { type: 'skip' });
    expect(playerOf(d.state, 'p1')?.score).toBe(0);
    d.do(I, { type: 'open' });
    d.do(I, { type: 'lock' });
    d.do(I, { type: 'skip' });
    d.do(I, { type: 'open' });
    d.do(I, { type: 'reveal' });
    d.refuse(I, { type: 'skip' }, 'WRONG_PHASE');
  });

  it('[T1] fast-forward only between steps; at most 30 frames; params and step advance, not the offset', () => {
    const settings = settingsWith({ questions: [{ quantity: 'z1', mode: 'numeric' }] });
    const d = started(settings);
    d.refuse(I, { type: 'fastForward', steps: 5 }, 'WRONG_PHASE');
    d.do(I, { type: 'skip' });
    const [trained] = d.do(I, { type: 'fastForward', steps: 1000 });
    if (trained?.type !== 'trained') throw new Error('expected trained');
    expect(trained.frames.length).toBeLessThanOrEqual(30);
    expect(trained.frames.length).toBeGreaterThan(20);
    expect(trained.frames.filter((f) => f.last)).toHaveLength(1);
    expect(trained.frames[0]?.step).toBe(1);
    expect(trained.frames[0]?.grid).toHaveLength(25);
    expect(trained.frames.at(-1)?.step).toBe(1001);
    // Full batch: every step used all the points, so the next quizzed point follows the last one.
    expect(d.state).toMatchObject({ step: 1001, offset: 1 });
    expect(d.state.training.lastLoss).toBe(trained.frames.at(-1)?.loss);
    d.checkReplay();
  });
});

describe('pause and resume', () => {
  it('[P1][P2] pause freezes the timer and answers; resume gives back the time left', () => {
    const d = started(TIMED);
    d.do(I, { type: 'open' }, { at: 10_000 });
    d.do(I, { type: 'pause' }, { at: 20_000 });
    expect(d.state.question).toMatchObject({ deadline: null, remainingMs: 20_000 });
    expect(nextDeadline(d.state)).toBeNull();
    d.refuse(
      S('p1'),
      { type: 'answer', answerId: 'paused-1', question: d.key(), value: rightAnswer(d.state) },
      'PAUSED',
    );
    d.refuse(SYS, { type: 'expire', question: d.key() }, 'PAUSED', { at: 90_000 });
    d.refuse(I, { type: 'lock' }, 'PAUSED');
    d.refuse(I, { type: 'pause' }, 'WRONG_PHASE');
    d.do(I, { type: 'resume' }, { at: 100_000 });
    expect(nextDeadline(d.state)).toEqual({ question: d.key(), at: 120_000 });
    d.refuse(I, { type: 'resume' }, 'WRONG_PHASE');
    // [S2] answered with 15 s of 30 left: half the speed bonus
    d.answer('p1', rightAnswer(d.state), 'speedy-01');
    expect(answerOf(d.state, 'p1')?.remainingMs).toBe(20_000);
    d.now = 105_000;
    d.do(I, { type: 'lock' });
    const revealed = d.do(I, { type: 'reveal' }).find((e) => e.type === 'questionRevealed');
    if (revealed?.type !== 'questionRevealed') throw new Error('expected reveal');
    expect(revealed.scores[0]?.points).toBe(1000 + Math.round((500 * 20_000) / 30_000));
  });

  it('[P1] pause only in the question phase', () => {
    const d = new Driver();
    d.refuse(I, { type: 'pause' }, 'WRONG_PHASE');
  });

  it('[P5] end from any phase', () => {
    for (const phase of ['lobby', 'question'] as const) {
      const d = phase === 'lobby' ? new Driver() : started();
      expect(d.do(I, { type: 'end' })).toEqual([{ type: 'finished' }]);
      d.refuse(I, { type: 'end' }, 'LESSON_FINISHED');
    }
  });
});

describe('students', () => {
  it('[L1] nicknames are unique case-insensitively; player ids once', () => {
    const d = new Driver();
    expect(d.join('p1', 'Ada')).toEqual([
      { type: 'playerJoined', playerId: 'p1', nickname: 'Ada' },
    ]);
    d.refuse(SYS, { type: 'join', playerId: 'p2', nickname: 'aDA', tokenHash: 'h2' }, 'NAME_TAKEN');
    d.refuse(
      SYS,
      { type: 'join', playerId: 'p1', nickname: 'Bea', tokenHash: 'h2' },
      'INVALID_INPUT',
    );
    expect(findPlayerByTokenHash(d.state, 'hash-p1')?.playerId).toBe('p1');
    expect(findPlayerByTokenHash(d.state, 'nope')).toBeNull();
  });

  it('[L1] with keys, uniqueness compares the keys the server computed (look-alikes)', () => {
    const d = new Driver();
    d.do(SYS, {
      type: 'join',
      playerId: 'p1',
      nickname: 'Anna',
      nicknameKey: 'anna',
      tokenHash: 'h1',
    });
    // Cyrillic А: another nickname, the same key.
    d.refuse(
      SYS,
      { type: 'join', playerId: 'p2', nickname: '\u0410nna', nicknameKey: 'anna', tokenHash: 'h2' },
      'NAME_TAKEN',
    );
    d.do(SYS, {
      type: 'join',
      playerId: 'p3',
      nickname: 'Anne',
      nicknameKey: 'anne',
      tokenHash: 'h3',
    });
    // A legacy join (no key) is compared with the stored key through its lower case.
    d.refuse(
      SYS,
      { type: 'join', playerId: 'p4', nickname: 'ANNE', tokenHash: 'h4' },
      'NAME_TAKEN',
    );
    d.refuse(
      SYS,
      { type: 'join', playerId: 'p5', nickname: 'Bo', nicknameKey: '', tokenHash: 'h5' },
      'INVALID_INPUT',
    );
  });

  it('[L1][L6] a kicked student keeps their name; legacy and keyed joins share one index', () => {
    const d = new Driver();
    d.join('p1', 'Ada');
    d.do(SYS, {
      type: 'join',
      playerId: 'p2',
      nickname: 'Bea',
      nicknameKey: 'bea',
      tokenHash: 'h',
    });
    d.do(I, { type: 'kick', playerId: 'p1' });
    d.refuse(SYS, { type: 'join', playerId: 'p3', nickname: 'ADA', tokenHash: 'h3' }, 'NAME_TAKEN');
    d.refuse(
      SYS,
      { type: 'join', playerId: 'p4', nickname: 'Ada', nicknameKey: 'ada', tokenHash: 'h4' },
      'NAME_TAKEN',
    );
    // A legacy join after a keyed one is compared through its lower case.
    d.refuse(SYS, { type: 'join', playerId: 'p5', nickname: 'BEA', tokenHash: 'h5' }, 'NAME_TAKEN');
    d.do(I, { type: 'readmit', playerId: 'p1' });
    d.join('p6', 'Cy');
    expect(playerIds(d.state)).toEqual(['p1', 'p2', 'p6']);
    expect(playerOf(d.state, 'p1')).toMatchObject({ nickname: 'Ada', kicked: false });
    expect(playerOf(d.state, 'p3')).toBeUndefined();
    d.checkReplay();
  });

  it('[L6][C1][C4] a join copies one bucket, shares the rest, and replay rebuilds the index', () => {
    const d = new Driver();
    for (let i = 0; i < 600; i++) d.join(`p${i}`, `Student ${i}`);
    const before = d.state;
    d.join('late', 'Late Comer');
    const after = d.state;
    // The join order: every full chunk shared, only the last one copied; read flat, in order.
    expect(after.playerOrder.slice(0, -1)).toEqual(before.playerOrder.slice(0, -1));
    after.playerOrder.slice(0, -1).forEach((chunk, i) => {
      expect(chunk).toBe(before.playerOrder[i]);
    });
    expect(playerIds(after)).toEqual([...Array.from({ length: 600 }, (_, i) => `p${i}`), 'late']);
    expect(playerCount(after)).toBe(601);
    for (const field of ['players', 'nicknameKeys', 'tokenHashes'] as const) {
      const old = new Map<number, unknown>(shardBuckets<unknown>(before[field]));
      const buckets = [...shardBuckets<unknown>(after[field])];
      // One bucket copied; every other one is the very same array as before.
      expect(buckets.filter(([b, bucket]) => old.get(b) !== bucket)).toHaveLength(1);
      expect(buckets.length).toBeGreaterThan(200);
      // Every bucket stays small: no record holds the whole roster.
      for (const [, bucket] of buckets) expect(bucket.length).toBeLessThan(50);
    }
    // The index answers for every student, the late one included, and only for them.
    const keys = new Map<string, string>(shardEntries(after.nicknameKeys));
    expect(keys.size).toBe(601);
    expect(keys.get('late comer')).toBe('late');
    expect(keys.get('student 599')).toBe('p599');
    // A reconnecting student is found by their token's hash through the same kind of index.
    expect(findPlayerByTokenHash(after, 'hash-p599')?.playerId).toBe('p599');
    expect(findPlayerByTokenHash(after, 'h-nobody')).toBeNull();
    d.refuse(
      SYS,
      { type: 'join', playerId: 'x', nickname: 'STUDENT 7', tokenHash: 'hx' },
      'NAME_TAKEN',
    );
    d.checkReplay();
  });

  it('[L2][L3] a late joiner answers the current question, with no penalty for what they missed', () => {
    const d = started(DECK_PRESET, ['p1']);
    d.do(I, { type: 'open' });
    d.answer('p1', rightAnswer(d.state));
    d.do(I, { type: 'reveal' });
    d.do(I, { type: 'next' });
    d.do(I, { type: 'open' });
    d.join('late');
    d.answer('late', rightAnswer(d.state));
    d.answer('p1', rightAnswer(d.state));
    d.do(I, { type: 'reveal' });
    expect(playerOf(d.state, 'late')).toMatchObject({ score: 1000, streak: 1 });
    expect(playerOf(d.state, 'p1')).toMatchObject({
      score: 1000 + 1000 + POINTS.streak,
      streak: 2,
    });
    d.do(I, { type: 'next' });
    d.do(I, { type: 'open' });
    d.do(I, { type: 'lock' });
    d.join('later'); // joined after the lock: this question does not count for them
    d.do(I, { type: 'reveal' });
    expect(playerOf(d.state, 'late')?.streak).toBe(0); // missed an answerable question
    expect(playerOf(d.state, 'later')).toMatchObject({ score: 0, streak: 0 });
  });

  it('[L4][L5] a kicked student is refused, not active, not ranked; readmitted with their score', () => {
    const d = started(DECK_PRESET, ['p1', 'p2', 'p3']);
    d.do(I, { type: 'open' });
    d.answer('p1', rightAnswer(d.state));
    d.answer('p2', rightAnswer(d.state));
    d.refuse(I, { type: 'kick', playerId: 'ghost' }, 'UNKNOWN_PLAYER');
    // kicking the only one who has not answered completes "everyone answered"
    expect(d.do(I, { type: 'kick', playerId: 'p3' }).map((e) => e.type)).toEqual([
      'playerKicked',
      'questionLocked',
    ]);
    d.refuse(I, { type: 'kick', playerId: 'p3' }, 'INVALID_INPUT');
    d.do(I, { type: 'reveal' });
    d.do(I, { type: 'next' });
    d.do(I, { type: 'open' });
    d.refuse(
      S('p3'),
      { type: 'answer', answerId: 'kicked-01', question: d.key(), value: rightAnswer(d.state) },
      'KICKED',
    );
    const view = viewFor(d.state, { role: 'student', playerId: 'p3' });
    expect(view.kind === 'student' && view.me.kicked).toBe(true);
    expect(d.state.question && viewFor(d.state, { role: 'instructor' }).question?.activeCount).toBe(
      2,
    );
    d.refuse(I, { type: 'readmit', playerId: 'p1' }, 'INVALID_INPUT');
    expect(d.do(I, { type: 'readmit', playerId: 'p3' })).toEqual([
      { type: 'playerReadmitted', playerId: 'p3' },
    ]);
    d.answer('p3', rightAnswer(d.state));
    expect(playerOf(d.state, 'p3')).toMatchObject({ kicked: false, score: 0 });
  });
});

describe('answers', () => {
  it('[A1] answers only to the current open question: not before open, not after the lock', () => {
    const d = started();
    const value = rightAnswer(d.state);
    d.refuse(
      S('p1'),
      { type: 'answer', answerId: 'early-001', question: d.key(), value },
      'QUESTION_CLOSED',
    );
    d.do(I, { type: 'open' });
    d.refuse(
      S('p1'),
      { type: 'answer', answerId: 'other-001', question: { step: 0, index: 1 }, value },
      'QUESTION_CLOSED',
    );
    d.do(I, { type: 'lock' });
    d.refuse(
      S('p1'),
      { type: 'answer', answerId: 'late-0001', question: d.key(), value },
      'QUESTION_CLOSED',
    );
  });

  it('[A2] at or after the deadline, before the expire: QUESTION_CLOSED', () => {
    const d = started(TIMED);
    d.do(I, { type: 'open' }, { at: 10_000 });
    d.refuse(
      S('p1'),
      { type: 'answer', answerId: 'timeup-01', question: d.key(), value: rightAnswer(d.state) },
      'QUESTION_CLOSED',
      { at: 40_000 },
    );
  });

  it("[A3] answers must fit the mode and shape: BAD_ANSWER with mlp-core's message", () => {
    const settings = settingsWith({
      questions: [
        { quantity: 'z1', mode: 'sign' },
        { quantity: 'h1', mode: 'choice' },
        { quantity: 'z2', mode: 'numeric' },
      ],
    });
    const d = started(settings);
    d.do(I, { type: 'open' });
    const bad = (value: unknown, message: RegExp) => {
      const r = d.try(S('p1'), {
        type: 'answer',
        answerId: `bad-${Math.random().toString(36).slice(2, 10)}`,
        question: d.key(),
        value,
      } as never);
      expect(r.ok ? 'accepted' : `${r.error.code} ${r.error.message}`).toMatch(message);
    };
    bad({ signs: [[1, 2, 1]] }, /BAD_ANSWER .*sign/);
    bad({ signs: [[1, 1]] }, /BAD_ANSWER .*1×3/);
    bad({ numbers: [[1, 1, 1]] }, /BAD_ANSWER .*signs/);
    d.answer('p1', { signs: [[1, -1, 0]] });
    d.do(I, { type: 'skip' });
    d.do(I, { type: 'open' });
    bad({ choice: 4 }, /BAD_ANSWER .*0 to 3/);
    d.answer('p1', { choice: 3 });
    d.do(I, { type: 'skip' });
    d.do(I, { type: 'open' });
    bad({ numbers: 0.5 }, /BAD_ANSWER .*1×2/);
  });

  it('[A4] a student may change the answer until the lock; the last one counts', () => {
    const d = started();
    d.do(I, { type: 'open' });
    d.answer('p1', farOff(d.state));
    d.answer('p1', rightAnswer(d.state));
    d.do(I, { type: 'reveal' });
    expect(playerOf(d.state, 'p1')?.score).toBe(1000);
  });

  it('[A6] the same answerId twice is accepted once: same state object, no events', () => {
    const d = started();
    d.do(I, { type: 'open' });
    const value = rightAnswer(d.state);
    const command = { type: 'answer', answerId: 'retry-0001', question: d.key(), value } as const;
    d.do(S('p1'), command);
    const before = d.state;
    expect(applyCommand(before, { actor: S('p1'), at: 5, command })).toEqual({
      ok: true,
      state: before,
      events: [],
    });
    expect(
      applyCommand(before, { actor: S('p1'), at: 5, command }).ok &&
        applyCommand(before, { actor: S('p1'), at: 5, command }),
    ).toHaveProperty('state', before);
    d.refuse(S('p1'), { ...command, value: farOff(d.state) }, 'INVALID_INPUT');
    d.refuse(S('p2'), command, 'INVALID_INPUT');
    d.do(I, { type: 'lock' });
    // a retry that arrives after the lock is still the same no-op
    const r = applyCommand(d.state, { actor: S('p1'), at: 6, command });
    expect(r).toEqual({ ok: true, state: d.state, events: [] });
    expect(d.log.filter((e) => e.command.type === 'answer')).toHaveLength(1);
  });

  it('[A6] a retry that arrives after its question moved on is the same no-op; the id reused for another question is refused', () => {
    const d = started();
    d.do(I, { type: 'open' });
    const first = d.key();
    const command = {
      type: 'answer',
      answerId: 'late-retry-1',
      question: first,
      value: rightAnswer(d.state),
    } as const;
    d.do(S('p1'), command);
    d.do(I, { type: 'reveal' });
    d.do(I, { type: 'next' });
    d.do(I, { type: 'open' });
    const r = applyCommand(d.state, { actor: S('p1'), at: 7, command });
    expect(r).toEqual({ ok: true, state: d.state, events: [] });
    // The same id for the now-open question is not a retry but a reused id.
    d.refuse(
      S('p1'),
      { ...command, question: d.key(), value: rightAnswer(d.state) },
      'INVALID_INPUT',
    );
    // Another student's id is theirs alone: the question is closed for this one.
    d.refuse(S('p2'), command, 'QUESTION_CLOSED');
  });
});

describe('scoring', () => {
  it('[S1] partial credit: the share of entries right', () => {
    const d = started(DECK_PRESET, ['p1']);
    d.do(I, { type: 'open' });
    const truth = d.state.question!.truth as number[][];
    d.answer('p1', { numbers: [[truth[0]![0]!, 99, 99]] });
    const revealed = d.do(I, { type: 'reveal' }).find((e) => e.type === 'questionRevealed');
    if (revealed?.type !== 'questionRevealed') throw new Error('expected reveal');
    expect(revealed.scores[0]).toMatchObject({ credit: 1 / 3, points: 333, correct: false });
  });

  it('[S2] no speed bonus without a timer, when switched off, or for a wrong answer', () => {
    const off = settingsWith({
      timerSeconds: 30,
      scoring: { speedBonus: false, streakBonus: false },
    });
    for (const settings of [DECK_PRESET, off]) {
      const d = started(settings, ['p1']);
      d.do(I, { type: 'open' });
      d.answer('p1', rightAnswer(d.state));
      d.do(I, { type: 'reveal' });
      expect(playerOf(d.state, 'p1')?.score).toBe(1000);
    }
  });

  it('[S3][S4] the streak bonus grows to 500 and a wrong or missing answer resets it', () => {
    const d = started(DECK_PRESET, ['p1']);
    const points: number[] = [];
    const plan = [
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'wrong',
      'right',
      'none',
      'right',
    ];
    for (const what of plan) {
      d.do(I, { type: 'open' });
      if (what === 'right') d.answer('p1', rightAnswer(d.state));
      if (what === 'wrong') d.answer('p1', farOff(d.state));
      const before = playerOf(d.state, 'p1')!.score;
      d.do(I, { type: 'reveal' });
      points.push(playerOf(d.state, 'p1')!.score - before);
      d.do(I, { type: 'next' });
    }
    expect(points).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1500, 0, 1000, 0, 1000]);
  });

  /** a and b right, c wrong, revealed. */
  const twoRightOneWrong = () => {
    const d = started(DECK_PRESET, ['a', 'b', 'c']);
    d.do(I, { type: 'open' });
    d.answer('a', rightAnswer(d.state));
    d.answer('b', rightAnswer(d.state));
    d.answer('c', farOff(d.state));
    d.do(I, { type: 'reveal' });
    return d;
  };

  it('[S5] equal scores share a rank', () => {
    const d = twoRightOneWrong();
    const board = viewFor(d.state, { role: 'projector' }).leaderboard;
    expect(board.map((s) => [s.playerId, s.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
    ]);
  });

  it('[S5][L4][L5] ranks count the students still in: a kick and a readmit move the others', () => {
    const d = twoRightOneWrong();
    const rankOf = (id: string) => {
      const view = viewFor(d.state, { role: 'student', playerId: id });
      return view.kind === 'student' ? view.me.rank : null;
    };
    expect(['a', 'b', 'c'].map(rankOf)).toEqual([1, 1, 3]);
    d.do(I, { type: 'kick', playerId: 'a' });
    // A kicked student is ranked against the students still in; the others no longer count them.
    expect(['a', 'b', 'c'].map(rankOf)).toEqual([1, 1, 2]);
    d.do(SYS, { type: 'join', playerId: 'd', nickname: 'D', tokenHash: 'hd' });
    expect(['b', 'c', 'd'].map(rankOf)).toEqual([1, 2, 2]);
    d.do(I, { type: 'readmit', playerId: 'a' });
    expect(['a', 'b', 'c', 'd'].map(rankOf)).toEqual([1, 1, 3, 3]);
  });
});
