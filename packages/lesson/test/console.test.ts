/**
 * What the instructor console needs from the rules: stale commands ([C5]), the allowed commands
 * ([C6]), more time ([Q10]), the projectors' display options ([D1][D2]), snapshots ([D3][D4]) and
 * each student's live answer ([V7]).
 */
import {
  type InstructorCommand,
  type InstructorCommandType,
  type InstructorView,
  type ProjectorView,
  TIMER_EXTENSION_SECONDS,
} from '@backprop/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  allowedCommands,
  applyCommand,
  type Envelope,
  type LessonCommand,
  type LessonState,
  nextAction,
  playerIds,
  playerOf,
  viewFor,
} from '../src/index.ts';
import { rankFor } from '../src/scoring.ts';
import { activeCount } from '../src/state.ts';
import { Driver, deepFreeze, farOff, I, rightAnswer, S, SYS, settingsWith } from './helpers.ts';

const SETTINGS = settingsWith({
  questions: [
    { quantity: 'z1', mode: 'choice' },
    { quantity: 'dLoss_dW2', mode: 'numeric' },
    { quantity: 'W2_new', mode: 'sign' },
  ],
  timerSeconds: 60,
});

const instructor = (s: LessonState) => viewFor(s, { role: 'instructor' }) as InstructorView;
const projector = (s: LessonState) => viewFor(s, { role: 'projector' }) as ProjectorView;

function started(settings = SETTINGS) {
  const d = new Driver(settings);
  d.join('p1', 'Ada');
  d.join('p2', 'Bob');
  d.join('p3', 'Cy');
  d.do(I, { type: 'start' });
  return d;
}

/** At dLoss_dW2 (numbers), open, with Ada right, Bob and Cy on the same named slip. */
function slipped() {
  const d = started();
  d.do(I, { type: 'skip' });
  d.do(I, { type: 'open' });
  const q = d.state.question!;
  const slip = q.misconceptions[0]!;
  d.answer('p1', rightAnswer(d.state));
  d.answer('p2', { numbers: slip.value });
  d.answer('p3', { numbers: slip.value });
  return { d, slip };
}

describe('[C5] instructor commands carry what the sender saw', () => {
  it('[C5] two instructors press skip on the same screen: one question is skipped, the other is STALE_VERSION', () => {
    const d = started();
    const seen = instructor(d.state).instructorVersion;
    d.do(I, { type: 'skip' }, { expect: seen });
    expect(d.state.question!.key.index).toBe(1);
    d.refuse(I, { type: 'skip' }, 'STALE_VERSION', { expect: seen });
    expect(d.state.question!.key.index).toBe(1);
    d.do(I, { type: 'skip' }, { expect: instructor(d.state).instructorVersion });
    expect(d.state.question!.key.index).toBe(2);
    d.checkReplay();
  });

  it('[C5] answers, joins, the timer and side commands (display, snapshots, kick) do not make a command stale', () => {
    const d = started();
    d.do(I, { type: 'open' });
    const seen = instructor(d.state).instructorVersion;
    d.answer('p1', rightAnswer(d.state));
    d.join('p4', 'Dee');
    d.do(I, { type: 'display', options: { sounds: true } });
    d.do(I, { type: 'showSnapshot', target: { kind: 'answer', playerId: 'p1' } });
    d.do(I, { type: 'hideSnapshot' });
    d.do(I, { type: 'kick', playerId: 'p4' });
    d.do(I, { type: 'readmit', playerId: 'p4' });
    d.do(SYS, { type: 'expire', question: d.key() }, { at: d.state.question!.deadline! });
    expect(d.state.instructorVersion).toBe(seen);
    d.do(I, { type: 'reveal' }, { expect: seen });
    expect(d.state.instructorVersion).toBe(seen + 1);
  });

  it('[C5] a malformed expect is INVALID_INPUT; students and the system are not checked', () => {
    const d = started();
    d.refuse(I, { type: 'open' }, 'INVALID_INPUT', { expect: -1 });
    d.refuse(I, { type: 'open' }, 'INVALID_INPUT', { expect: 1.5 });
    d.do(I, { type: 'open' });
    d.do(
      S('p1'),
      { type: 'answer', answerId: 'answer-0001', question: d.key(), value: rightAnswer(d.state) },
      { expect: 99 },
    );
  });
});

describe('[C6] allowed commands', () => {
  /** Every command of a type worth trying in `state` (every player, every slip). */
  function candidates(state: LessonState, type: InstructorCommandType): InstructorCommand[] {
    const players = playerIds(state);
    switch (type) {
      case 'fastForward':
        return [{ type, steps: 1 }];
      case 'kick':
      case 'readmit':
        return players.map((playerId) => ({ type, playerId }));
      case 'display':
        return [{ type, options: { sounds: true } }];
      case 'showSnapshot': {
        const slips = state.question?.misconceptions.map((m) => m.id) ?? [];
        return [
          ...players.map((playerId) => ({ type, target: { kind: 'answer' as const, playerId } })),
          ...slips.map((misconceptionId) => ({
            type,
            target: { kind: 'slip' as const, misconceptionId },
          })),
        ];
      }
      default:
        return [{ type } as InstructorCommand];
    }
  }
  const TYPES: InstructorCommandType[] = [
    'start',
    'open',
    'lock',
    'reveal',
    'next',
    'skip',
    'pause',
    'resume',
    'fastForward',
    'kick',
    'readmit',
    'end',
    'extendTimer',
    'display',
    'showSnapshot',
    'hideSnapshot',
  ];

  type Step =
    | { kind: 'command'; command: LessonCommand }
    | {
        kind: 'player';
        what: 'join' | 'kick' | 'readmit' | 'right' | 'slip' | 'wrong' | 'snap';
        player: number;
      }
    | { kind: 'expire' }
    | { kind: 'advance' };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc
      .constantFrom<LessonCommand>(
        { type: 'open' },
        { type: 'lock' },
        { type: 'reveal' },
        { type: 'next' },
        { type: 'skip' },
        { type: 'pause' },
        { type: 'resume' },
        { type: 'extendTimer' },
        { type: 'fastForward', steps: 2 },
        { type: 'hideSnapshot' },
        { type: 'display', options: { hideLeaderboard: true } },
        { type: 'end' },
      )
      .map((command) => ({ kind: 'command' as const, command })),
    fc.record({
      kind: fc.constant('player' as const),
      what: fc.constantFrom(
        'join' as const,
        'kick' as const,
        'readmit' as const,
        'right' as const,
        'slip' as const,
        'wrong' as const,
        'snap' as const,
      ),
      player: fc.nat(2),
    }),
    fc.constant({ kind: 'expire' as const }),
    fc.constant({ kind: 'advance' as const }),
    fc.constant({ kind: 'advance' as const }),
  );

  function commandOf(state: LessonState, step: Step, seq: number): [Actor, LessonCommand] | null {
    if (step.kind === 'command') return [I, step.command];
    if (step.kind === 'advance') {
      const type = nextAction(state);
      return type
        ? [I, type === 'fastForward' ? { type, steps: 1 } : ({ type } as LessonCommand)]
        : null;
    }
    const q = state.question;
    if (step.kind === 'expire') {
      return q ? [SYS, { type: 'expire', question: q.key }] : null;
    }
    const id = `p${step.player}`;
    if (step.what === 'join') {
      return [SYS, { type: 'join', playerId: id, nickname: `N${id}`, tokenHash: `h${id}` }];
    }
    if (step.what === 'kick' || step.what === 'readmit')
      return [I, { type: step.what, playerId: id }];
    if (step.what === 'snap') {
      return [I, { type: 'showSnapshot', target: { kind: 'answer', playerId: id } }];
    }
    if (!q) return null;
    const slip = q.misconceptions[0];
    const value =
      step.what === 'right'
        ? rightAnswer(state)
        : step.what === 'slip' && slip && q.spec.mode === 'numeric'
          ? { numbers: slip.value }
          : farOff(state, 1 + step.player);
    const answerId = `answer-${String(seq).padStart(6, '0')}`;
    return [S(id), { type: 'answer', answerId, question: q.key, value }];
  }

  it.each([
    ['', SETTINGS],
    [' (openOnShow [Q11])', { ...SETTINGS, openOnShow: true }],
  ])(
    '[C6] property: in every state of a random lesson%s, "allowed" is exactly what applyCommand accepts',
    (_, settings) => {
      fc.assert(
        fc.property(fc.array(stepArb, { minLength: 5, maxLength: 50 }), (steps) => {
          const d = new Driver(settings);
          let state = d.state;
          let now = 1_000_000;
          const check = () => {
            const allowed = new Set(allowedCommands(state));
            for (const type of TYPES) {
              const accepted = candidates(state, type).some(
                (command) => applyCommand(state, { actor: I, at: now, command }).ok,
              );
              expect(allowed.has(type), `${type} in ${state.phase}/${state.question?.status}`).toBe(
                accepted,
              );
            }
            expect(instructor(state).allowed).toEqual(allowedCommands(state));
            const next = nextAction(state);
            if (next) expect(allowed.has(next)).toBe(true);
            // [L6] The kept count of active students is the roster's, through kicks and readmits.
            expect(activeCount(state)).toBe(
              playerIds(state).filter((id) => !playerOf(state, id)?.kicked).length,
            );
            // [L4][S5] The kept kicked ids and ranked scores are the roster's: each player's
            // rank (a kicked one's too) is 1 + the students still in with a higher score.
            const players = playerIds(state).map((id) => playerOf(state, id)!);
            expect(new Set(state.kickedIds)).toEqual(
              new Set(players.filter((p) => p.kicked).map((p) => p.playerId)),
            );
            for (const p of players) {
              const higher = players.filter((o) => !o.kicked && o.score > p.score).length;
              expect(rankFor(state, p), `rank of ${p.playerId}`).toBe(1 + higher);
            }
          };
          check();
          steps.forEach((step, i) => {
            now += 7_000;
            const made = commandOf(state, step, i);
            if (!made) return;
            const [actor, command] = made;
            if (command.type === 'expire') now = Math.max(now, state.question?.deadline ?? now);
            const envelope: Envelope = { actor, at: now, command };
            const result = applyCommand(state, envelope);
            if (result.ok) state = deepFreeze(result.state);
            check();
          });
        }),
        { numRuns: 150 },
      );
    },
    60_000,
  );

  it('[C6] nextAction: Start, Open, Reveal, Next, Resume, then nothing', () => {
    const d = started();
    expect(nextAction(d.state)).toBe('open');
    d.do(I, { type: 'open' });
    expect(nextAction(d.state)).toBe('reveal');
    d.do(I, { type: 'pause' });
    expect(nextAction(d.state)).toBe('resume');
    d.do(I, { type: 'resume' });
    d.do(I, { type: 'reveal' });
    expect(nextAction(d.state)).toBe('next');
    d.do(I, { type: 'end' });
    expect(nextAction(d.state)).toBeNull();
    expect(allowedCommands(d.state)).toEqual([]);
  });
});

describe('[Q10] more time', () => {
  it(`[Q10] extendTimer adds ${TIMER_EXTENSION_SECONDS} s to a running or a frozen timer`, () => {
    const d = started();
    d.refuse(I, { type: 'extendTimer' }, 'WRONG_PHASE'); // shown
    d.do(I, { type: 'open' }, { at: 2_000_000 });
    d.do(I, { type: 'extendTimer' });
    expect(d.state.question!.deadline).toBe(2_000_000 + 90_000);
    d.do(I, { type: 'pause' }, { at: 2_010_000 });
    d.do(I, { type: 'extendTimer' });
    expect(d.state.question!.remainingMs).toBe(80_000 + 30_000);
    d.do(I, { type: 'resume' }, { at: 2_020_000 });
    expect(d.state.question!.deadline).toBe(2_020_000 + 110_000);
    d.do(I, { type: 'lock' });
    d.refuse(I, { type: 'extendTimer' }, 'WRONG_PHASE');
    d.checkReplay();
  });

  it('[Q10] without a timer there is nothing to extend', () => {
    const d = started(settingsWith({ ...SETTINGS, timerSeconds: null }));
    d.do(I, { type: 'open' });
    d.refuse(I, { type: 'extendTimer' }, 'WRONG_PHASE');
  });
});

describe('[D1][D2] display options', () => {
  it('[D1] the console sets them, staff views carry them, student views never', () => {
    const d = started();
    expect(projector(d.state).display).toEqual({
      hideLeaderboard: false,
      anonymise: false,
      leaderboardLength: 5,
      sounds: false,
    });
    d.do(I, { type: 'display', options: { anonymise: true, sounds: true } });
    d.do(I, { type: 'display', options: { leaderboardLength: 3 } });
    const want = { hideLeaderboard: false, anonymise: true, leaderboardLength: 3, sounds: true };
    expect(projector(d.state).display).toEqual(want);
    expect(instructor(d.state).display).toEqual(want);
    const student = viewFor(d.state, { role: 'student', playerId: 'p1' });
    expect(JSON.stringify(student)).not.toContain('leaderboardLength');
    expect('display' in student).toBe(false);
    d.refuse(I, { type: 'display', options: {} } as LessonCommand, 'INVALID_INPUT');
    d.refuse(I, { type: 'display', options: { leaderboardLength: 11 } }, 'INVALID_INPUT');
    d.refuse(S('p1'), { type: 'display', options: { sounds: false } }, 'NOT_INSTRUCTOR');
    d.checkReplay();
  });

  it('[D2] the projector lists the top leaderboardLength, the instructor the top ten', () => {
    const d = started();
    for (let i = 4; i <= 8; i++) d.join(`p${i}`, `N${i}`);
    d.do(I, { type: 'open' });
    d.do(I, { type: 'reveal' });
    expect(projector(d.state).leaderboard).toHaveLength(5);
    expect(instructor(d.state).leaderboard).toHaveLength(8);
    d.do(I, { type: 'display', options: { leaderboardLength: 3 } });
    expect(projector(d.state).leaderboard.map((s) => s.rank)).toEqual([1, 1, 1]);
  });
});

describe('[D3][D4] snapshots', () => {
  it('[V7] the instructor sees who answered what and which slip it was, as answers arrive', () => {
    const { d, slip } = slipped();
    const answers = instructor(d.state).answers;
    expect(answers.map((a) => [a.nickname, a.correct, a.misconceptionId])).toEqual([
      ['Ada', true, null],
      ['Bob', false, slip.id],
      ['Cy', false, slip.id],
    ]);
    expect(answers[1]!.value).toEqual({ numbers: slip.value });
    expect(JSON.stringify(projector(d.state))).not.toContain('"answers"');
    d.do(I, { type: 'kick', playerId: 'p3' });
    expect(instructor(d.state).answers.map((a) => a.nickname)).toEqual(['Ada', 'Bob']);
  });

  it('[D3] every answer with one slip goes to the big screen without names; right entries stay hidden until the reveal', () => {
    const { d, slip } = slipped();
    d.refuse(
      I,
      { type: 'showSnapshot', target: { kind: 'slip', misconceptionId: 'NOPE' } },
      'WRONG_PHASE',
    );
    d.do(I, { type: 'showSnapshot', target: { kind: 'slip', misconceptionId: slip.id } });
    const shown = projector(d.state).snapshot!;
    expect(shown).toMatchObject({
      source: 'slip',
      quantity: 'dLoss_dW2',
      misconception: { id: slip.id, label: slip.label },
    });
    expect(shown.values).toHaveLength(2);
    const text = JSON.stringify(shown);
    for (const name of ['Ada', 'Bob', 'Cy', 'p1', 'p2', 'p3']) expect(text).not.toContain(name);
    // Entries of the slip that happen to be right are null on the projector, kept for the instructor.
    const truth = (d.state.question!.truth as number[][]).flat();
    const slipEntries = (slip.value as number[][]).flat();
    const masked = (shown.values[0] as (number | null)[][]).flat();
    slipEntries.forEach((x, i) => {
      if (x === truth[i]) expect(masked[i]).toBeNull();
      else expect(masked[i]).toBe(x);
    });
    expect(instructor(d.state).snapshot!.values[0]).toEqual(slip.value);
    const student = JSON.stringify(viewFor(d.state, { role: 'student', playerId: 'p1' }));
    expect(student).not.toContain('snapshot');
    d.checkReplay();
  });

  it('[D3] one right answer on the big screen before the reveal shows no truth at all', () => {
    const { d } = slipped();
    d.do(I, { type: 'showSnapshot', target: { kind: 'answer', playerId: 'p1' } });
    const values = projector(d.state).snapshot!.values[0] as (number | null)[][];
    expect(values.flat().every((x) => x === null)).toBe(true);
    d.do(I, { type: 'reveal' }); // [D4] the reveal takes it off
    expect(projector(d.state).snapshot).toBeNull();
    d.do(I, { type: 'showSnapshot', target: { kind: 'answer', playerId: 'p1' } });
    expect(projector(d.state).snapshot!.values[0]).toEqual(d.state.question!.truth);
  });

  it('[D4] hideSnapshot brings the question back; moving on clears it; nothing to hide is refused', () => {
    const { d } = slipped();
    d.refuse(I, { type: 'hideSnapshot' }, 'WRONG_PHASE');
    d.refuse(
      I,
      { type: 'showSnapshot', target: { kind: 'answer', playerId: 'nobody' } },
      'UNKNOWN_PLAYER',
    );
    d.do(I, { type: 'showSnapshot', target: { kind: 'answer', playerId: 'p2' } });
    d.do(I, { type: 'pause' });
    expect(projector(d.state).snapshot).not.toBeNull(); // pause keeps it
    d.do(I, { type: 'resume' });
    d.do(I, { type: 'hideSnapshot' });
    expect(projector(d.state).snapshot).toBeNull();
    d.do(I, { type: 'showSnapshot', target: { kind: 'answer', playerId: 'p2' } });
    d.do(I, { type: 'skip' });
    expect(d.state.snapshot).toBeNull();
    d.refuse(
      I,
      { type: 'showSnapshot', target: { kind: 'answer', playerId: 'p2' } },
      'WRONG_PHASE',
    );
    d.checkReplay();
  });
});
