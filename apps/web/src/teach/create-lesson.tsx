'use client';
/**
 * Create a lesson: a lesson plan in one click, the quick picker, or custom settings checked with
 * the contract's schema before they are sent. On success the instructor secret (and the co-host token) stay in
 * this browser and the console opens.
 */
import type { LessonSettings } from '@backprop/contract';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { accountApi } from '../account/api.ts';
import { ApiError, api } from '../live/api.ts';
import { credentials } from '../live/credentials.ts';
import { saveCohostToken } from './cohost-store.ts';
import { LessonPlans, QuickPicker } from './lesson-plans.tsx';
import { draftFrom, type FieldErrors, fieldId, validate } from './settings-draft.ts';
import {
  CheckField,
  CreateError,
  ErrorSummary,
  fieldsetClass,
  legendClass,
  NetworkFields,
  QuestionFields,
  TextField,
  ToleranceFields,
  useSettingsDraft,
} from './settings-fields.tsx';

async function createAndOpen(
  input: { settings: LessonSettings },
  push: (href: string) => void,
  owned: boolean,
): Promise<string | null> {
  try {
    // Owned: through this origin with the session cookie, so the lesson keeps a report.
    const create = owned ? accountApi.createLesson : api.createLesson;
    const { code, instructorSecret, cohostToken } = await create(input);
    credentials.saveInstructorSecret(code, instructorSecret);
    saveCohostToken(code, cohostToken);
    push(`/teach/${code}?created=1`);
    return null;
  } catch (error) {
    return error instanceof ApiError ? error.message : 'The lesson could not be created.';
  }
}

/** `owned`: opened from the dashboard (signed in); the quick path without an account is the default. */
export function CreateLesson({ owned = false }: { owned?: boolean }) {
  const router = useRouter();
  const { draft, setDraft, set, setQuestion } = useSettingsDraft();
  const [errors, setErrors] = useState<FieldErrors>({});
  /** Which create button is working: a plan's id, 'picker' or 'custom'. */
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const createWith = async (settings: LessonSettings, id: string) => {
    setBusy(id);
    setFailure(null);
    const error = await createAndOpen({ settings }, router.push, owned);
    if (error) {
      setFailure(error);
      setBusy(null);
    }
  };

  const createCustom = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validate(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      // Focus the first wrong field, so keyboard and screen-reader users land on it.
      const first = Object.keys(checked.errors)[0];
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors({});
    setBusy('custom');
    const error = await createAndOpen({ settings: checked.settings }, router.push, owned);
    if (error) {
      setFailure(error);
      setBusy(null);
    }
  };

  const fieldProps = { draft, set, setQuestion, errors };

  return (
    <div className="grid gap-8">
      <header>
        <h1 className="text-3xl font-bold">Create a lesson</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          Students predict every value and gradient of one training step before you reveal it. Start
          from a plan, pick the questions quickly, or choose your own network and questions below.
        </p>
        {!owned && (
          <p className="mt-2 max-w-3xl text-sm text-slate-700">
            No account needed.{' '}
            <a href="/signin?next=/dashboard" className="font-medium text-indigo-800 underline">
              Sign in
            </a>{' '}
            to keep a report of your lessons and to set homework, or{' '}
            <a href="/practice" className="font-medium text-indigo-800 underline">
              practice
            </a>{' '}
            on your own.
          </p>
        )}
      </header>

      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <LessonPlans busy={busy} onCreate={createWith} />
        <QuickPicker busy={busy} onCreate={createWith} />
      </div>

      <CreateError message={failure} />

      <section aria-labelledby="custom-title">
        <h2 id="custom-title" className="text-xl font-semibold">
          Custom settings
        </h2>
        <p className="mt-1 text-slate-700">
          Filled in with the deck&apos;s settings; change what you need.
        </p>
        <form
          onSubmit={createCustom}
          noValidate
          className="mt-4 grid gap-6"
          data-testid="custom-form"
        >
          <NetworkFields {...fieldProps} />

          <QuestionFields {...fieldProps} />

          <fieldset className={fieldsetClass}>
            <legend className={legendClass}>Timer and scoring</legend>
            <div className="grid gap-x-4 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
              <CheckField
                field="timerOn"
                label="Timer"
                hint="Off: you lock each question yourself. On: answers close after the seconds below."
                checked={draft.timerOn}
                onChange={(v) => set('timerOn', v)}
                errors={errors}
              />
              {draft.timerOn && (
                <TextField
                  field="timerSeconds"
                  label="Seconds per question (5–600)"
                  hint="Starts when you open a question; pausing freezes it."
                  value={draft.timerSeconds}
                  onChange={(v) => set('timerSeconds', v)}
                  errors={errors}
                  integer
                  min={5}
                  max={600}
                />
              )}
              <CheckField
                field="scoring.speedBonus"
                label="Speed bonus"
                hint="Up to +500 points for a fully right answer given early (needs the timer)."
                checked={draft.speedBonus}
                onChange={(v) => set('speedBonus', v)}
                errors={errors}
              />
              <CheckField
                field="scoring.streakBonus"
                label="Streak bonus"
                hint="+100 per fully right answer in a row, up to +500."
                checked={draft.streakBonus}
                onChange={(v) => set('streakBonus', v)}
                errors={errors}
              />
            </div>
          </fieldset>

          <ToleranceFields {...fieldProps} />

          <ErrorSummary errors={errors}>{errors.form && <> {errors.form}</>}</ErrorSummary>
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="submit"
              disabled={busy !== null}
              data-testid="create-custom"
              className="rounded-lg bg-slate-900 px-5 py-3 font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
            >
              {busy === 'custom' ? 'Creating…' : 'Create this lesson'}
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft(draftFrom());
                setErrors({});
              }}
              className="rounded-lg border border-slate-400 bg-white px-4 py-3 font-medium text-slate-900 hover:bg-slate-100"
            >
              Back to the deck&apos;s settings
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
