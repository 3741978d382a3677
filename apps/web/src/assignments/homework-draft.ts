/**
 * The homework form's own fields (title, dates, attempts, hints, student number) as typed, and
 * the whole form checked with the contract's schema: the assignment to send, or one message per
 * field (the lesson configuration's messages come from settings-draft.ts).
 */
import {
  type AssignmentSettings,
  ATTEMPTS_MAX,
  assignmentSettingsSchema,
  TITLE_MAX,
} from '@backprop/contract';
import { type FieldErrors, type SettingsDraft, validate } from '../teach/settings-draft.ts';

export interface HomeworkDraft {
  title: string;
  /** `YYYY-MM-DDTHH:mm` in local time, as the datetime-local inputs hold it. */
  opensAt: string;
  dueAt: string;
  attempts: string;
  showHints: boolean;
  askStudentNumber: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DDTHH:mm` in local time, what a datetime-local input holds. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A fresh draft at `now`: opens this minute (rounded down, so it is open at once), due in a week. */
export function homeworkDraft(now: number): HomeworkDraft {
  const minute = Math.floor(now / 60_000) * 60_000;
  return {
    title: '',
    opensAt: localInput(minute),
    dueAt: localInput(minute + 7 * DAY),
    attempts: '3',
    showHints: true,
    askStudentNumber: false,
  };
}

/** A local date-time as epoch ms; an empty field is NaN so the schema refuses it. */
const epochOf = (text: string) => (text ? new Date(text).getTime() : Number.NaN);

/** The message of a homework field the schema refused. */
function homeworkMessage(key: PropertyKey | undefined, fallback: string): string {
  if (key === 'title') return `Give it a title (1 to ${TITLE_MAX} characters).`;
  if (key === 'attempts') return `A whole number from 1 to ${ATTEMPTS_MAX}.`;
  if (key === 'dueAt') return 'Pick a due date after the opening.';
  if (key === 'opensAt') return 'Pick a date and time.';
  return fallback;
}

/**
 * The lesson configuration and the homework fields checked together: the assignment, or every
 * field's message (keys `network.…`, `questions.…` and `homework.<field>`), in the form's order.
 */
export function checkAssignment(
  settings: SettingsDraft,
  hw: HomeworkDraft,
): { ok: true; assignment: AssignmentSettings } | { ok: false; errors: FieldErrors } {
  const checked = validate(settings);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  const result = assignmentSettingsSchema.safeParse({
    title: hw.title,
    // Homework has no timer and no points race: the live scoring settings do not apply.
    settings: checked.ok ? { ...checked.settings, timerSeconds: null } : undefined,
    opensAt: epochOf(hw.opensAt),
    dueAt: epochOf(hw.dueAt),
    attempts: hw.attempts.trim() === '' ? Number.NaN : Number(hw.attempts),
    showHints: hw.showHints,
    askStudentNumber: hw.askStudentNumber,
  });
  if (result.success && checked.ok) return { ok: true, assignment: result.data };
  for (const issue of result.success ? [] : result.error.issues) {
    const key = issue.path[0];
    if (key === 'settings') continue; // the settings' own messages are in `errors` already
    errors[`homework.${String(key ?? 'form')}`] ??= homeworkMessage(key, issue.message);
  }
  return { ok: false, errors };
}
