/** The schemas accept what clients legitimately send and refuse the rest. */
import { quantityNames } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  answerCommandSchema,
  DECK_PRESET,
  handshakeSchema,
  instructorCommandSchema,
  joinCodeSchema,
  joinLessonInput,
  lessonSettingsSchema,
} from '../src/index.ts';

describe('lesson settings', () => {
  it('the deck preset is valid and asks every quantity of the deck, in order', () => {
    expect(lessonSettingsSchema.parse(DECK_PRESET)).toEqual(DECK_PRESET);
    expect(DECK_PRESET.questions.map((q) => q.quantity)).toEqual(quantityNames({ bias: false }));
  });

  it('grades the deck preset updates tightly enough that unchanged weights fail', () => {
    const updates = DECK_PRESET.questions.filter((q) => q.quantity.endsWith('_new'));
    expect(updates.map((q) => q.quantity)).toEqual(['W2_new', 'W1_new']);
    // The smallest update of the deck's step is 2.9e-5 (W2[0][0]); the tolerance must be below it.
    for (const q of updates) expect(q.tolerance!.absolute).toBeLessThan(2.9e-5);
  });

  it('refuses bias quantities without biases, questions out of order, and oversized batches', () => {
    const bias = { ...DECK_PRESET, questions: [{ quantity: 'dLoss_db2', mode: 'numeric' }] };
    const order = {
      ...DECK_PRESET,
      questions: [
        { quantity: 'h1', mode: 'numeric' },
        { quantity: 'z1', mode: 'numeric' },
      ],
    };
    const batch = { ...DECK_PRESET, network: { ...DECK_PRESET.network, batch: 9 } };
    for (const bad of [bias, order, batch])
      expect(lessonSettingsSchema.safeParse(bad).success).toBe(false);
    const withBias = {
      ...DECK_PRESET,
      network: { ...DECK_PRESET.network, bias: true },
      questions: [{ quantity: 'dLoss_db2', mode: 'sign' }],
    };
    expect(lessonSettingsSchema.safeParse(withBias).success).toBe(true);
  });
});

describe('join codes and nicknames', () => {
  it('takes 6 unambiguous letters and digits, case-insensitively', () => {
    expect(joinCodeSchema.parse(' abc234 ')).toBe('ABC234');
    for (const bad of ['ABC23', 'ABC2345', 'ABC0O1', 'ABCIL2', 'ABC-23']) {
      expect(joinCodeSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('trims nicknames to 1-24 characters', () => {
    expect(joinLessonInput.parse({ code: 'ABCDEF', nickname: '  Ada  ' }).nickname).toBe('Ada');
    expect(joinLessonInput.safeParse({ code: 'ABCDEF', nickname: '   ' }).success).toBe(false);
    expect(joinLessonInput.safeParse({ code: 'ABCDEF', nickname: 'x'.repeat(25) }).success).toBe(
      false,
    );
  });
});

describe('commands', () => {
  it('accepts every instructor command and refuses unknown ones and extra fields', () => {
    for (const type of [
      'start',
      'open',
      'lock',
      'reveal',
      'next',
      'skip',
      'pause',
      'resume',
      'end',
    ]) {
      expect(instructorCommandSchema.safeParse({ type }).success).toBe(true);
    }
    expect(instructorCommandSchema.safeParse({ type: 'fastForward', steps: 500 }).success).toBe(
      true,
    );
    expect(instructorCommandSchema.safeParse({ type: 'fastForward', steps: 0 }).success).toBe(
      false,
    );
    expect(instructorCommandSchema.safeParse({ type: 'kick' }).success).toBe(false);
    expect(instructorCommandSchema.safeParse({ type: 'drop-tables' }).success).toBe(false);
    expect(instructorCommandSchema.safeParse({ type: 'start', admin: true }).success).toBe(false);
  });

  it('[T3] addBiases carries nothing: the biases start at zero, the weights stay', () => {
    expect(instructorCommandSchema.safeParse({ type: 'addBiases' }).success).toBe(true);
    expect(instructorCommandSchema.safeParse({ type: 'addBiases', b1: [0.5] }).success).toBe(false);
  });

  it('[T1] fastForwardLr is optional, positive and bounded', () => {
    expect(lessonSettingsSchema.safeParse({ ...DECK_PRESET, fastForwardLr: 3 }).success).toBe(true);
    const { fastForwardLr: _, ...without } = DECK_PRESET;
    expect(lessonSettingsSchema.safeParse(without).success).toBe(true);
    for (const bad of [0, -1, 101, 'fast'])
      expect(lessonSettingsSchema.safeParse({ ...DECK_PRESET, fastForwardLr: bad }).success).toBe(
        false,
      );
  });

  it('answers carry finite numbers of bounded size', () => {
    const answer = (value: unknown) => ({
      type: 'answer',
      answerId: 'a1b2c3d4e5',
      question: { step: 0, index: 3 },
      value,
    });
    expect(answerCommandSchema.safeParse(answer({ numbers: [[0.1, 0.2]] })).success).toBe(true);
    expect(answerCommandSchema.safeParse(answer({ numbers: 0.3 })).success).toBe(true);
    expect(answerCommandSchema.safeParse(answer({ choice: 2 })).success).toBe(true);
    for (const bad of [
      { numbers: [[Number.NaN]] },
      { numbers: [['0.1']] },
      { numbers: Array.from({ length: 100 }, () => [1]) },
      { choice: 11 },
      { numbers: [[1]], choice: 1 },
    ]) {
      expect(answerCommandSchema.safeParse(answer(bad)).success).toBe(false);
    }
    expect(
      answerCommandSchema.safeParse({ ...answer({ choice: 1 }), answerId: 'short' }).success,
    ).toBe(false);
  });

  it('handshakes name a role with its credential', () => {
    const base = { protocolVersion: 2, code: 'ABCDEF' };
    expect(handshakeSchema.safeParse({ ...base, as: { role: 'projector' } }).success).toBe(true);
    expect(
      handshakeSchema.safeParse({ ...base, as: { role: 'instructor', secret: 'x'.repeat(43) } })
        .success,
    ).toBe(true);
    expect(handshakeSchema.safeParse({ ...base, as: { role: 'instructor' } }).success).toBe(false);
    expect(handshakeSchema.safeParse({ ...base, as: { role: 'admin' } }).success).toBe(false);
    // What socket.io-client adds on a reconnection with connection-state recovery.
    const recovering = { ...base, as: { role: 'projector' }, pid: 'AbC123', offset: '1-0' };
    expect(handshakeSchema.safeParse(recovering).success).toBe(true);
    expect(handshakeSchema.safeParse({ ...recovering, extra: 1 }).success).toBe(false);
  });
});
