/**
 * What people read when the server says no (the contract's codes in plain words), and the words
 * of a verdict: each code's own sentence, the server's detail where it helps, a fallback for the
 * rest.
 */
import { ERROR_CODES, type GradedAnswer } from '@backprop/contract';
import { describe, expect, it } from 'vitest';
import { refusalText } from '../src/account/messages.ts';
import { dashed, refusal } from '../src/homework/messages.ts';
import { ApiError } from '../src/lib/trpc-call.ts';
import { answerRefusal, joinRefusal } from '../src/play/messages.ts';
import { verdictOf } from '../src/play/verdict-of.ts';

describe('answerRefusal (live)', () => {
  it("says the code's sentence, with the server's detail for an unreadable answer only", () => {
    expect(answerRefusal('QUESTION_CLOSED', 'closed')).toMatch(/^Too late/);
    expect(answerRefusal('QUESTION_CLOSED', 'closed')).not.toContain('closed.');
    expect(answerRefusal('BAD_ANSWER', 'expected 6 numbers')).toBe(
      'The server could not read this answer: expected 6 numbers',
    );
  });

  it('a code without a sentence of its own still says what the server said', () => {
    expect(answerRefusal('STALE_VERSION', 'try again')).toBe(
      'The answer was not accepted: try again',
    );
  });
});

describe('joinRefusal (live)', () => {
  it('names the nickname problems in words, and passes a network problem through', () => {
    expect(joinRefusal('NAME_TAKEN', '')).toMatch(/already has that nickname/);
    expect(joinRefusal('NAME_REFUSED', '')).toMatch(/not allowed/);
    expect(joinRefusal('INVALID_INPUT', 'zod says')).toBe('A nickname has 1 to 24 characters.');
    expect(joinRefusal('NETWORK', 'The game server cannot be reached.')).toBe(
      'The game server cannot be reached.',
    );
    expect(joinRefusal('LESSON_FULL', 'This lesson is full')).toBe(
      'Could not join: This lesson is full',
    );
  });
});

describe('refusal (homework)', () => {
  it('an ApiError with a known code reads its sentence, not the server’s text', () => {
    const text = refusal(new ApiError(ERROR_CODES.ASSIGNMENT_CLOSED, 'closed at 12:00'));
    expect(text).toBe('The due date has passed: answers are closed.');
  });

  it("an unreadable answer keeps the server's detail; an unknown code its message", () => {
    expect(refusal(new ApiError('BAD_ANSWER', 'expected 3 numbers'))).toBe(
      'The answer could not be read: expected 3 numbers',
    );
    expect(refusal(new ApiError('INTERNAL', 'Internal Server Error'))).toBe(
      'Internal Server Error',
    );
    expect(refusal(new ApiError('NETWORK', 'The game server cannot be reached.'))).toBe(
      'The game server cannot be reached.',
    );
  });

  it('anything else thrown is a generic retry', () => {
    expect(refusal(new TypeError('x is undefined'))).toBe('Something went wrong: try again.');
    expect(refusal('oops')).toBe('Something went wrong: try again.');
  });
});

describe('dashed', () => {
  it('splits a resume code in two halves of five', () => {
    expect(dashed('ABCDE12345')).toBe('ABCDE-12345');
  });
});

describe('refusalText (instructor pages)', () => {
  it('says whose and what is missing; else the server’s message or a retry', () => {
    expect(refusalText(new ApiError('NOT_OWNER', 'forbidden'))).toBe(
      'This belongs to another instructor.',
    );
    expect(refusalText(new ApiError('UNKNOWN_ASSIGNMENT', 'x'))).toMatch(/no homework/);
    expect(refusalText(new ApiError('UNKNOWN_LESSON', 'x'))).toMatch(/no lesson/);
    expect(refusalText(new ApiError('NOT_SIGNED_IN', 'Sign in first'))).toBe('Sign in first');
    expect(refusalText(new Error('boom'))).toBe('Could not load: try again.');
  });
});

describe('verdictOf', () => {
  const graded = (rights: boolean[]): GradedAnswer => ({
    correct: rights.every(Boolean),
    credit: rights.filter(Boolean).length / rights.length,
    entries: rights.map((correct) => ({ correct }) as GradedAnswer['entries'][number]),
    misconception: null,
  });

  it('no answer, right, partly right with the count, wrong', () => {
    expect(verdictOf(null).tone).toBe('none');
    expect(verdictOf(graded([true, true]))).toMatchObject({ tone: 'right', text: 'Right!' });
    expect(verdictOf(graded([true, false, false]))).toMatchObject({
      tone: 'partial',
      text: 'Partly right: 1 of 3 entries',
    });
    expect(verdictOf(graded([false, false])).tone).toBe('wrong');
  });

  it('a wrong answer is "not right yet" where another attempt is allowed', () => {
    expect(verdictOf(graded([false]), true).text).toBe('Not right yet');
    expect(verdictOf(graded([false]), false).text).toBe('Not this time');
  });

  it('icons differ by tone, so colour is never the only cue', () => {
    const icons = [null, graded([true]), graded([true, false]), graded([false])].map(
      (g) => verdictOf(g).icon,
    );
    expect(new Set(icons).size).toBe(4);
  });
});
