/**
 * The lesson settings form's draft: settings to text fields and back, and the contract's schema
 * messages mapped onto the form's fields (questions by quantity, not by index).
 */
import { DECK_PRESET, LESSON_PLANS, type LessonSettings } from '@backprop/contract';
import { MAX_HIDDEN, quantityNames } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  availableQuantities,
  draftFrom,
  fieldId,
  type SettingsDraft,
  settingsFrom,
  validate,
  withQuestion,
} from '../src/teach/settings-draft.ts';

/** What the form carries of a lesson's settings: fast-forward and open-on-show are the plans'. */
const formPart = ({ fastForwardLr: _f, openOnShow: _o, ...rest }: LessonSettings) => rest;

const errorsOf = (draft: SettingsDraft) => {
  const r = validate(draft);
  if (r.ok) throw new Error('expected the draft to be refused');
  return r.errors;
};

describe('draftFrom and validate round-trip', () => {
  it("the deck preset comes back as itself (the form's part)", () => {
    const r = validate(draftFrom(DECK_PRESET));
    expect(r).toEqual({ ok: true, settings: formPart(DECK_PRESET) });
  });

  it.each(LESSON_PLANS.map((plan) => [plan.id, plan.settings] as const))(
    'the plan %s: network, questions with their modes and tolerances, timer and scoring',
    (_id, settings) => {
      const r = validate(draftFrom(settings));
      expect(r).toEqual({ ok: true, settings: formPart(settings) });
    },
  );

  it('a question with a tolerance of its own keeps it; the others use the lesson’s', () => {
    const settings: LessonSettings = {
      ...DECK_PRESET,
      questions: [
        { quantity: 'z1', mode: 'numeric', tolerance: { relative: 0.2, absolute: 0.003 } },
        { quantity: 'h1', mode: 'sign' },
      ],
      timerSeconds: 45,
    };
    const draft = draftFrom(settings);
    expect(draft.questions.z1).toMatchObject({ ownTolerance: true, relative: '0.2' });
    expect(draft.questions.h1).toMatchObject({ ownTolerance: false, mode: 'sign' });
    expect(settingsFrom(draft).settings.questions).toEqual(settings.questions);
    expect(settingsFrom(draft).settings.timerSeconds).toBe(45);
  });
});

describe('questions the network cannot ask', () => {
  it('bias quantities start asked while biases are off, and count once biases go on', () => {
    const draft = draftFrom(DECK_PRESET);
    expect(DECK_PRESET.network.bias).toBe(false);
    expect(draft.questions.dLoss_db1.ask).toBe(true);
    expect(availableQuantities(draft)).not.toContain('dLoss_db1');
    expect(settingsFrom(draft).order).toEqual(quantityNames({ bias: false }));

    const withBias = { ...draft, bias: true };
    const { settings, order } = settingsFrom(withBias);
    expect(order).toEqual(quantityNames({ bias: true }));
    expect(settings.questions.map((q) => q.quantity)).toEqual(order);
    expect(validate(withBias).ok).toBe(true);
  });

  it('with biases on, a bias quantity the settings leave out stays out', () => {
    const settings: LessonSettings = {
      ...DECK_PRESET,
      network: { ...DECK_PRESET.network, bias: true },
      questions: [{ quantity: 'z1', mode: 'numeric' }],
    };
    const draft = draftFrom(settings);
    expect(draft.questions.dLoss_db1.ask).toBe(false);
    expect(settingsFrom(draft).order).toEqual(['z1']);
  });

  it('asks only the rows ticked, in the deck’s order', () => {
    let draft = draftFrom(DECK_PRESET);
    for (const name of availableQuantities(draft))
      draft = withQuestion(draft, name, { ask: false });
    draft = withQuestion(draft, 'loss', { ask: true });
    draft = withQuestion(draft, 'z1', { ask: true, mode: 'sign' });
    expect(settingsFrom(draft).settings.questions).toEqual([
      { quantity: 'z1', mode: 'sign' },
      { quantity: 'loss', mode: 'numeric' },
    ]);
  });
});

describe('field messages', () => {
  it('an empty field is not 0: it is refused with "Enter a number."', () => {
    const errors = errorsOf({ ...draftFrom(), lr: '', reg: '   ' });
    expect(errors['network.lr']).toBe('Enter a number.');
    expect(errors['network.reg']).toBe('Enter a number.');
  });

  it('text that is not a number is refused the same way', () => {
    expect(errorsOf({ ...draftFrom(), lr: 'fast' })['network.lr']).toBe('Enter a number.');
  });

  it('a fraction where a whole number goes asks for a whole number', () => {
    expect(errorsOf({ ...draftFrom(), hidden: '2.5' })['network.hidden']).toBe(
      'Enter a whole number.',
    );
  });

  it('out-of-range values say the bound', () => {
    const errors = errorsOf({ ...draftFrom(), hidden: String(MAX_HIDDEN + 1), lr: '0', n: '1' });
    expect(errors['network.hidden']).toBe(`At most ${MAX_HIDDEN}.`);
    expect(errors['network.lr']).toBe('Must be more than 0.');
    expect(errors['network.n']).toBe('At least 4.');
  });

  it('a batch larger than n is said on the batch field', () => {
    const errors = errorsOf({ ...draftFrom(), n: '4', batch: '5' });
    expect(Object.keys(errors)).toEqual(['network.batch']);
    expect(errors['network.batch']).toMatch(/batch must not exceed n/i);
  });

  it("a question's own tolerance is reported on that quantity's row, not its index", () => {
    let draft = draftFrom();
    for (const name of availableQuantities(draft))
      draft = withQuestion(draft, name, { ask: false });
    draft = withQuestion(draft, 'z1', { ask: true });
    draft = withQuestion(draft, 'h2', { ask: true, ownTolerance: true, relative: '2' });
    const errors = errorsOf(draft);
    // h2 is questions[1] in the settings; the form's row is named h2
    expect(errors).toEqual({ 'questions.h2.tolerance.relative': 'At most 1.' });
  });

  it('no question at all asks for one', () => {
    let draft = draftFrom();
    for (const name of availableQuantities(draft))
      draft = withQuestion(draft, name, { ask: false });
    expect(errorsOf(draft)).toEqual({ questions: 'Ask at least one question.' });
  });

  it('the timer is checked only when it is on', () => {
    expect(validate({ ...draftFrom(), timerOn: false, timerSeconds: '' }).ok).toBe(true);
    const errors = errorsOf({ ...draftFrom(), timerOn: true, timerSeconds: '2' });
    expect(errors.timerSeconds).toBe('At least 5.');
  });

  it('every refused field is reported at once', () => {
    const errors = errorsOf({ ...draftFrom(), dataSeed: '-1', weightSeed: 'x', absolute: '' });
    expect(Object.keys(errors).sort()).toEqual([
      'network.dataSeed',
      'network.weightSeed',
      'tolerance.absolute',
    ]);
  });
});

describe('withQuestion', () => {
  it('changes one row and leaves the draft it came from as it was', () => {
    const before = draftFrom();
    const after = withQuestion(before, 'h1', { mode: 'choice' });
    expect(after.questions.h1).toEqual({ ...before.questions.h1, mode: 'choice' });
    expect(before.questions.h1.mode).toBe('numeric');
    expect(after.questions.z1).toBe(before.questions.z1);
    expect({ ...after, questions: null }).toEqual({ ...before, questions: null });
  });
});

describe('fieldId', () => {
  it('turns a schema path into an element id', () => {
    expect(fieldId('questions.h2.tolerance.relative')).toBe(
      'field-questions-h2-tolerance-relative',
    );
    expect(fieldId('form')).toBe('field-form');
  });
});
