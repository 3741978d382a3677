/**
 * The homework form: its dates as datetime-local text and back, a fresh draft, and the whole form
 * (lesson settings and homework fields) checked with the contract's schema.
 */
import { ATTEMPTS_MAX, assignmentSettingsSchema, TITLE_MAX } from '@backprop/contract';
import { describe, expect, it } from 'vitest';
import {
  checkAssignment,
  type HomeworkDraft,
  homeworkDraft,
  localInput,
} from '../src/assignments/homework-draft.ts';
import { draftFrom } from '../src/teach/settings-draft.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** 14 March 2031, 15:09:26.535 UTC: seconds and milliseconds the inputs cannot hold. */
const NOW = Date.UTC(2031, 2, 14, 15, 9, 26, 535);

const filled = (over: Partial<HomeworkDraft> = {}): HomeworkDraft => ({
  ...homeworkDraft(NOW),
  title: 'Backprop, week 3',
  ...over,
});

const errorsOf = (hw: HomeworkDraft, settings = draftFrom()) => {
  const r = checkAssignment(settings, hw);
  if (r.ok) throw new Error('expected the form to be refused');
  return r.errors;
};

describe('localInput', () => {
  it('is what a datetime-local input holds, and reads back to the same minute', () => {
    const text = localInput(NOW);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(new Date(text).getTime()).toBe(Math.floor(NOW / MINUTE) * MINUTE);
  });

  it('pads months, days, hours and minutes', () => {
    const early = new Date(2030, 0, 2, 3, 4).getTime(); // local 2 Jan 2030, 03:04
    expect(localInput(early)).toBe('2030-01-02T03:04');
  });
});

describe('homeworkDraft', () => {
  it('opens this minute (rounded down: open at once) and is due a week later', () => {
    const hw = homeworkDraft(NOW);
    const opens = new Date(hw.opensAt).getTime();
    expect(opens).toBeLessThanOrEqual(NOW);
    expect(NOW - opens).toBeLessThan(MINUTE);
    expect(new Date(hw.dueAt).getTime() - opens).toBe(7 * DAY);
    expect(hw).toMatchObject({
      title: '',
      attempts: '3',
      showHints: true,
      askStudentNumber: false,
    });
  });
});

describe('checkAssignment', () => {
  it('a filled form is the assignment the contract accepts, without a timer', () => {
    const settings = { ...draftFrom(), timerOn: true, timerSeconds: '30' };
    const r = checkAssignment(settings, filled({ attempts: ' 5 ', askStudentNumber: true }));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(assignmentSettingsSchema.parse(r.assignment)).toEqual(r.assignment);
    expect(r.assignment).toMatchObject({
      title: 'Backprop, week 3',
      attempts: 5,
      showHints: true,
      askStudentNumber: true,
      opensAt: Math.floor(NOW / MINUTE) * MINUTE,
      dueAt: Math.floor(NOW / MINUTE) * MINUTE + 7 * DAY,
    });
    // Homework has no timer: the live lesson's is dropped, not sent.
    expect(r.assignment.settings.timerSeconds).toBeNull();
  });

  it('an empty or blank title asks for one', () => {
    const message = `Give it a title (1 to ${TITLE_MAX} characters).`;
    expect(errorsOf(filled({ title: '' }))).toEqual({ 'homework.title': message });
    expect(errorsOf(filled({ title: '   ' }))).toEqual({ 'homework.title': message });
    expect(errorsOf(filled({ title: 'x'.repeat(TITLE_MAX + 1) }))).toEqual({
      'homework.title': message,
    });
  });

  it.each(['', '0', String(ATTEMPTS_MAX + 1), '2.5', 'three'])(
    'attempts %j: a whole number in range',
    (attempts) => {
      expect(errorsOf(filled({ attempts }))).toEqual({
        'homework.attempts': `A whole number from 1 to ${ATTEMPTS_MAX}.`,
      });
    },
  );

  it('a due date at or before the opening is refused on the due field', () => {
    const hw = filled();
    expect(errorsOf({ ...hw, dueAt: hw.opensAt })).toEqual({
      'homework.dueAt': 'Pick a due date after the opening.',
    });
  });

  it('an empty opening date asks for a date', () => {
    expect(errorsOf(filled({ opensAt: '' }))['homework.opensAt']).toBe('Pick a date and time.');
  });

  it("the lesson settings' messages come first, then the homework's, all at once", () => {
    const errors = errorsOf(filled({ title: '', attempts: '0' }), { ...draftFrom(), lr: '' });
    expect(Object.keys(errors)).toEqual(['network.lr', 'homework.title', 'homework.attempts']);
  });

  it('wrong settings alone refuse the form with their own messages only', () => {
    expect(errorsOf(filled(), { ...draftFrom(), hidden: '0' })).toEqual({
      'network.hidden': 'At least 1.',
    });
  });
});
