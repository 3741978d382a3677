'use client';
/**
 * Set homework: a title, the lesson configuration (the same fields as a live lesson), when it
 * opens and is due, attempts per question, hints, and whether to ask for a student number.
 * Checked with the contract's schemas before it is sent.
 */
import { ATTEMPTS_MAX, TITLE_MAX } from '@backprop/contract';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { accountApi } from '../account/api.ts';
import { useInstructor } from '../account/use-instructor.ts';
import { ApiError } from '../lib/trpc-call.ts';
import { type FieldErrors, fieldId } from '../teach/settings-draft.ts';
import {
  CheckField,
  CreateError,
  described,
  ErrorSummary,
  fieldsetClass,
  inputClass,
  LabelledField,
  legendClass,
  NetworkFields,
  QuestionFields,
  TextField,
  ToleranceFields,
  useSettingsDraft,
} from '../teach/settings-fields.tsx';
import { checkAssignment, type HomeworkDraft, homeworkDraft } from './homework-draft.ts';

function DateField({
  field,
  label,
  hint,
  value,
  onChange,
  errors,
}: {
  field: string;
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  errors: FieldErrors;
}) {
  return (
    <LabelledField field={field} label={label} hint={hint} errors={errors}>
      <input
        {...described(field, errors)}
        type="datetime-local"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={inputClass}
      />
    </LabelledField>
  );
}

export function CreateAssignment() {
  const state = useInstructor();
  const router = useRouter();
  const { draft, set, setQuestion } = useSettingsDraft();
  // Dates are drawn on the client only: the server's clock and time zone are not the browser's.
  const [hw, setHw] = useState<HomeworkDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => setHw(homeworkDraft(Date.now())), []);

  const setH = <K extends keyof HomeworkDraft>(key: K, value: HomeworkDraft[K]) =>
    setHw((d) => (d ? { ...d, [key]: value } : d));

  if (state.kind === 'loading' || hw === null) return <p role="status">Loading…</p>;
  if (state.kind === 'error') return <p role="alert">{state.message}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = checkAssignment(draft, hw);
    if (!checked.ok) {
      setErrors(checked.errors);
      // Focus the first wrong field, so keyboard and screen-reader users land on it.
      const first = Object.keys(checked.errors)[0];
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await accountApi.createAssignment(checked.assignment);
      router.push(`/assignments/${created.id}?created=1`);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : 'The homework could not be created.');
      setBusy(false);
    }
  };

  const fieldProps = { draft, set, setQuestion, errors };

  return (
    <div className="grid gap-8">
      <header>
        <h1 className="text-3xl font-bold">New homework</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          Every student gets their own numbers (their own data point and weights) for the same
          questions, and works through them at their own pace until the due date.
        </p>
      </header>
      <form onSubmit={submit} noValidate className="grid gap-6" data-testid="assignment-form">
        <fieldset className={fieldsetClass}>
          <legend className={legendClass}>Homework</legend>
          <div className="grid gap-x-4 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
            <LabelledField
              field="homework.title"
              label="Title"
              hint="What students see first, e.g. “Backprop, week 3”."
              errors={errors}
              className="sm:col-span-2 lg:col-span-3"
            >
              <input
                {...described('homework.title', errors)}
                value={hw.title}
                maxLength={TITLE_MAX}
                onChange={(e) => setH('title', e.target.value)}
                className={inputClass}
              />
            </LabelledField>
            <DateField
              field="homework.opensAt"
              label="Opens"
              hint="Students can start from then."
              value={hw.opensAt}
              onChange={(v) => setH('opensAt', v)}
              errors={errors}
            />
            <DateField
              field="homework.dueAt"
              label="Due"
              hint="Then answers close; students can still review."
              value={hw.dueAt}
              onChange={(v) => setH('dueAt', v)}
              errors={errors}
            />
            <TextField
              field="homework.attempts"
              label={`Attempts per question (1–${ATTEMPTS_MAX})`}
              hint="After the last one the true value is shown and the student moves on."
              value={hw.attempts}
              onChange={(v) => setH('attempts', v)}
              errors={errors}
              integer
              min={1}
              max={ATTEMPTS_MAX}
            />
            <CheckField
              field="homework.showHints"
              label="Hints"
              hint="After a wrong answer that matches a common slip, say how to fix it."
              checked={hw.showHints}
              onChange={(v) => setH('showHints', v)}
              errors={errors}
            />
            <CheckField
              field="homework.askStudentNumber"
              label="Ask for a student number"
              hint="Besides the name, e.g. a matriculation number for your grade book."
              checked={hw.askStudentNumber}
              onChange={(v) => setH('askStudentNumber', v)}
              errors={errors}
            />
          </div>
        </fieldset>
        <NetworkFields {...fieldProps} />
        <QuestionFields {...fieldProps} />
        <ToleranceFields {...fieldProps} />
        <ErrorSummary errors={errors} />
        <CreateError message={failure} />
        <div>
          <button
            type="submit"
            disabled={busy}
            data-testid="create-assignment"
            className="rounded-lg bg-indigo-700 px-5 py-3 text-lg font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
          >
            {busy ? 'Creating…' : 'Create the homework'}
          </button>
        </div>
      </form>
    </div>
  );
}
