'use client';
/**
 * The lesson configuration's fields (network, questions, grading tolerance), shared by the live
 * lesson form (/teach) and the homework form (/assignments/new): one draft, one set of messages.
 */
import { ANSWER_MODES, type AnswerMode } from '@backprop/contract';
import { ACTIVATIONS, type Activation, MAX_HIDDEN, type QuantityName } from '@backprop/mlp-core';
import { type ReactNode, useId, useState } from 'react';
import { ScrollRegion } from './scroll-region.tsx';
import {
  availableQuantities,
  draftFrom,
  type FieldErrors,
  fieldId,
  type QuestionDraft,
  type SettingsDraft,
  withQuestion,
} from './settings-draft.ts';

const MODE_TEXT: Record<AnswerMode, string> = {
  numeric: 'numbers',
  sign: 'signs (− 0 +)',
  choice: 'multiple choice',
};

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-rose-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-rose-700';

export function ErrorText({ field, errors }: { field: string; errors: FieldErrors }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <p
      id={`${fieldId(field)}-error`}
      className="mt-1 text-sm font-medium text-rose-800"
      data-testid={`error-${field.replaceAll('.', '-')}`}
    >
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** aria attributes that tie a control to its hint and, when wrong, its message. */
export function described(field: string, errors: FieldErrors, hint = true) {
  const ids = [hint ? `${fieldId(field)}-hint` : '', errors[field] ? `${fieldId(field)}-error` : '']
    .filter(Boolean)
    .join(' ');
  return {
    id: fieldId(field),
    'aria-invalid': errors[field] ? (true as const) : undefined,
    'aria-describedby': ids || undefined,
  };
}

interface TextFieldProps {
  field: string;
  label: ReactNode;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  /** Whole numbers get the numeric keypad and spin buttons; the rest accept 5e-6. */
  integer?: boolean;
  min?: number;
  max?: number;
}

export function TextField({
  field,
  label,
  hint,
  value,
  onChange,
  errors,
  integer,
  min,
  max,
}: TextFieldProps) {
  return (
    <LabelledField field={field} label={label} hint={hint} errors={errors}>
      <input
        {...described(field, errors)}
        type={integer ? 'number' : 'text'}
        inputMode={integer ? 'numeric' : 'decimal'}
        step={integer ? 1 : undefined}
        min={min}
        max={max}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={inputClass}
      />
    </LabelledField>
  );
}

/** The one-line explanation under a control and, when wrong, its message (ids as `described` expects). */
function FieldNote({
  field,
  hint,
  errors,
}: {
  field: string;
  hint: ReactNode;
  errors: FieldErrors;
}) {
  return (
    <>
      <p id={`${fieldId(field)}-hint`} className="mt-1 text-xs text-slate-600">
        {hint}
      </p>
      <ErrorText field={field} errors={errors} />
    </>
  );
}

interface LabelledFieldProps {
  field: string;
  label: ReactNode;
  hint: ReactNode;
  errors: FieldErrors;
  /** The control: give it `{...described(field, errors)}` so label, hint and error reach it. */
  children: ReactNode;
  className?: string;
}

/** A label above any control (input, select), the explanation and the error below. */
export function LabelledField({
  field,
  label,
  hint,
  errors,
  children,
  className,
}: LabelledFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={fieldId(field)} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      <FieldNote field={field} hint={hint} errors={errors} />
    </div>
  );
}

interface CheckFieldProps {
  field: string;
  label: ReactNode;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  errors: FieldErrors;
}

export function CheckField({ field, label, hint, checked, onChange, errors }: CheckFieldProps) {
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          {...described(field, errors)}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          className="size-5 accent-indigo-700"
        />
        <label htmlFor={fieldId(field)} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      <FieldNote field={field} hint={hint} errors={errors} />
    </div>
  );
}

export const fieldsetClass = 'min-w-0 rounded-xl border border-slate-300 bg-white p-4 sm:p-5';
export const legendClass = 'px-1 text-lg font-semibold text-slate-900';

export interface DraftFieldsProps {
  draft: SettingsDraft;
  set: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
  setQuestion: (name: QuantityName, patch: Partial<QuestionDraft>) => void;
  errors: FieldErrors;
}

/** The draft both forms edit, with setters for a setting and for one question's row. */
export function useSettingsDraft() {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom());
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setQuestion = (name: QuantityName, patch: Partial<QuestionDraft>) =>
    setDraft((d) => withQuestion(d, name, patch));
  return { draft, setDraft, set, setQuestion };
}

const alertClass = 'rounded-lg border border-rose-700 bg-rose-50 p-3 font-medium text-rose-900';

/** After a refused submit: how many fields need fixing (their messages stand next to them). */
export function ErrorSummary({ errors, children }: { errors: FieldErrors; children?: ReactNode }) {
  const count = Object.keys(errors).length;
  if (count === 0) return null;
  return (
    <p role="alert" data-testid="form-errors" className={alertClass}>
      <span aria-hidden="true">⚠ </span>
      {count === 1 ? 'One setting needs' : `${count} settings need`} fixing: see the messages next
      to the fields.
      {children}
    </p>
  );
}

/** The server's refusal (or a lost connection) when creating. */
export function CreateError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid="create-error" className={alertClass}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

export function NetworkFields({ draft, set, errors }: DraftFieldsProps) {
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>Network</legend>
      <div className="grid gap-x-4 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          field="network.dataSeed"
          label="Data seed"
          hint="RandomState(seed).randn(n, 2) draws the XOR points. The deck: 0."
          value={draft.dataSeed}
          onChange={(v) => set('dataSeed', v)}
          errors={errors}
          integer
          min={0}
        />
        <TextField
          field="network.n"
          label="Points n"
          hint="How many XOR points; steps walk through them in order. The deck: 300."
          value={draft.n}
          onChange={(v) => set('n', v)}
          errors={errors}
          integer
          min={4}
          max={2000}
        />
        <TextField
          field="network.weightSeed"
          label="Weight seed"
          hint="np.random.seed before drawing W1, then W2. The deck: 2017."
          value={draft.weightSeed}
          onChange={(v) => set('weightSeed', v)}
          errors={errors}
          integer
          min={0}
        />
        <TextField
          field="network.hidden"
          label={`Hidden units (1–${MAX_HIDDEN})`}
          hint="Width of the hidden layer; wider means bigger matrices to type. The deck: 3."
          value={draft.hidden}
          onChange={(v) => set('hidden', v)}
          errors={errors}
          integer
          min={1}
          max={MAX_HIDDEN}
        />
        <LabelledField
          field="network.activation"
          label="Hidden activation"
          hint="Of the hidden layer; the output stays sigmoid. The deck: sigmoid."
          errors={errors}
        >
          <select
            {...described('network.activation', errors)}
            value={draft.activation}
            onChange={(e) => set('activation', e.target.value as Activation)}
            className={inputClass}
          >
            {ACTIVATIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </LabelledField>
        <CheckField
          field="network.bias"
          label="Biases b1, b2"
          hint="Adds zero-initialised biases and their questions. Off reproduces the deck, but only with biases can the network learn XOR."
          checked={draft.bias}
          onChange={(v) => set('bias', v)}
          errors={errors}
        />
        <TextField
          field="network.lr"
          label="Learning rate α"
          hint="Step size of the update W* = W − α dLoss/dW. The deck: 0.001."
          value={draft.lr}
          onChange={(v) => set('lr', v)}
          errors={errors}
        />
        <TextField
          field="network.reg"
          label="Regularisation λ"
          hint="L2 penalty λ/(2N) ΣW² added to the loss; 0 turns it off. The deck: 0."
          value={draft.reg}
          onChange={(v) => set('reg', v)}
          errors={errors}
        />
        <TextField
          field="network.batch"
          label="Batch (1–8 rows)"
          hint="Points per quizzed step: students type every row. The deck: 1."
          value={draft.batch}
          onChange={(v) => set('batch', v)}
          errors={errors}
          integer
          min={1}
          max={8}
        />
      </div>
    </fieldset>
  );
}

export function QuestionFields({ draft, setQuestion, errors }: DraftFieldsProps) {
  const questionsHint = useId();
  const quantities = availableQuantities(draft);
  return (
    <fieldset className={fieldsetClass} aria-describedby={questionsHint}>
      <legend className={legendClass}>Questions</legend>
      <p id={questionsHint} className="text-sm text-slate-700">
        Asked every step in the deck&apos;s order. Numbers: type every entry. Signs: − 0 + per
        entry. Multiple choice: pick one of 4 values. The tolerance scales with each quantity and
        updates are graded on their step (new weights minus old), so one tolerance fits all.
      </p>
      <ErrorText field="questions" errors={errors} />
      <ScrollRegion label="Questions table">
        <table className="w-full min-w-[36rem] text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left text-slate-700">
              <th scope="col" className="py-2 pr-2 font-medium">
                Ask
              </th>
              <th scope="col" className="py-2 pr-2 font-medium">
                Quantity
              </th>
              <th scope="col" className="py-2 pr-2 font-medium">
                Answer with
              </th>
              <th scope="col" className="py-2 font-medium">
                Tolerance (relative, absolute)
              </th>
            </tr>
          </thead>
          <tbody>
            {quantities.map((name) => {
              const q = draft.questions[name];
              const base = `questions.${name}`;
              return (
                <tr
                  key={name}
                  className="border-b border-slate-200 align-top"
                  data-testid={`question-row-${name}`}
                >
                  <td className="py-2 pr-2">
                    <input
                      type="checkbox"
                      id={fieldId(`${base}.ask`)}
                      checked={q.ask}
                      onChange={(e) => setQuestion(name, { ask: e.target.checked })}
                      aria-label={`Ask ${name}`}
                      className="size-5 accent-indigo-700"
                    />
                  </td>
                  <th scope="row" className="py-2 pr-2 text-left font-mono font-medium">
                    <label htmlFor={fieldId(`${base}.ask`)}>{name}</label>
                    <ErrorText field={`${base}.quantity`} errors={errors} />
                  </th>
                  <td className="py-2 pr-2">
                    <select
                      aria-label={`${name}: answer with`}
                      value={q.mode}
                      disabled={!q.ask}
                      onChange={(e) => setQuestion(name, { mode: e.target.value as AnswerMode })}
                      className="rounded-md border border-slate-400 bg-white px-2 py-1 disabled:opacity-50"
                    >
                      {ANSWER_MODES.map((m) => (
                        <option key={m} value={m}>
                          {MODE_TEXT[m]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <select
                        aria-label={`${name}: tolerance`}
                        value={q.ownTolerance ? 'own' : 'lesson'}
                        disabled={!q.ask}
                        onChange={(e) =>
                          setQuestion(name, { ownTolerance: e.target.value === 'own' })
                        }
                        className="rounded-md border border-slate-400 bg-white px-2 py-1 disabled:opacity-50"
                      >
                        <option value="lesson">the lesson&apos;s</option>
                        <option value="own">its own</option>
                      </select>
                      {q.ownTolerance && q.ask && (
                        <>
                          <input
                            {...described(`${base}.tolerance.relative`, errors, false)}
                            aria-label={`${name}: relative tolerance`}
                            inputMode="decimal"
                            value={q.relative}
                            onChange={(e) => setQuestion(name, { relative: e.target.value })}
                            className="w-20 rounded-md border border-slate-400 px-2 py-1 aria-[invalid=true]:border-rose-700"
                          />
                          <input
                            {...described(`${base}.tolerance.absolute`, errors, false)}
                            aria-label={`${name}: absolute tolerance`}
                            inputMode="decimal"
                            value={q.absolute}
                            onChange={(e) => setQuestion(name, { absolute: e.target.value })}
                            className="w-24 rounded-md border border-slate-400 px-2 py-1 aria-[invalid=true]:border-rose-700"
                          />
                        </>
                      )}
                    </div>
                    <ErrorText field={`${base}.tolerance.relative`} errors={errors} />
                    <ErrorText field={`${base}.tolerance.absolute`} errors={errors} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </fieldset>
  );
}

export function ToleranceFields({ draft, set, errors }: DraftFieldsProps) {
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>Grading tolerance</legend>
      <p className="text-sm text-slate-700">
        An entry is right when |answer − truth| ≤ max(relative × |truth|, absolute).
      </p>
      <div className="mt-3 grid gap-x-4 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          field="tolerance.relative"
          label="Relative (0–1)"
          hint="A share of the true value: 0.01 is 1%. The deck preset: 0.01."
          value={draft.relative}
          onChange={(v) => set('relative', v)}
          errors={errors}
        />
        <TextField
          field="tolerance.absolute"
          label="Absolute (0–1)"
          hint="The floor for values near zero. The deck preset: 0.0005."
          value={draft.absolute}
          onChange={(v) => set('absolute', v)}
          errors={errors}
        />
      </div>
    </fieldset>
  );
}
