import { ACTIVATIONS } from '@backprop/mlp-core';
import type { ReactNode } from 'react';
import {
  LIMITS,
  type PageSettings,
  type ParamError,
  type ParamName,
} from '../lib/config-params.ts';

interface ConfigFormProps {
  /** Values to show: the parsed settings, or the raw text of a rejected URL. */
  settings: PageSettings;
  raw?: Record<string, string>;
  errors?: readonly ParamError[];
}

export function errorId(param: string): string {
  return `error-${param}`;
}

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-rose-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-rose-700';
const labelClass = 'block text-sm font-medium text-slate-800';

interface FieldProps {
  param: ParamName;
  label: string;
  invalid: boolean;
  children: (props: {
    id: ParamName;
    name: ParamName;
    required: true;
    className: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
  }) => ReactNode;
}

/** A labelled control; marked invalid (and pointing at its message) when its parameter is bad. */
function Field({ param, label, invalid, children }: FieldProps) {
  const aria = invalid ? { 'aria-invalid': true as const, 'aria-describedby': errorId(param) } : {};
  return (
    <div>
      <label htmlFor={param} className={labelClass}>
        {label}
      </label>
      {children({ id: param, name: param, required: true, className: fieldClass, ...aria })}
    </div>
  );
}

/** The network's settings as a GET form: the URL is the state, so every step can be shared. */
export function ConfigForm({ settings, raw = {}, errors = [] }: ConfigFormProps) {
  const { config, offset } = settings;
  const value = (param: ParamName, fallback: string | number) => raw[param] ?? String(fallback);
  const invalid = (param: ParamName) => errors.some((error) => error.param === param);
  const biasOn =
    raw.bias === undefined ? config.bias : ['on', 'true', '1', 'yes'].includes(raw.bias);
  const integerField = (
    param: ParamName,
    label: string,
    min: number,
    max: number,
    fallback: number,
  ) => (
    <Field param={param} label={label} invalid={invalid(param)}>
      {(props) => (
        <input
          {...props}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          defaultValue={value(param, fallback)}
        />
      )}
    </Field>
  );

  return (
    <form
      method="get"
      action="/worked-example"
      className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4"
    >
      {integerField('hidden', 'Hidden units', LIMITS.hidden.min, LIMITS.hidden.max, config.hidden)}
      <Field param="activation" label="Hidden activation" invalid={invalid('activation')}>
        {(props) => (
          <select
            {...props}
            defaultValue={
              (ACTIVATIONS as readonly string[]).includes(raw.activation ?? '')
                ? raw.activation
                : config.activation
            }
          >
            {ACTIVATIONS.map((activation) => (
              <option key={activation} value={activation}>
                {activation}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field param="lr" label="Learning rate α" invalid={invalid('lr')}>
        {(props) => (
          <input {...props} type="text" inputMode="decimal" defaultValue={value('lr', config.lr)} />
        )}
      </Field>
      {integerField('offset', 'Data row', 0, config.n - 1, offset)}
      {integerField('dataSeed', 'Data seed', LIMITS.seed.min, LIMITS.seed.max, config.dataSeed)}
      {integerField(
        'weightSeed',
        'Weight seed',
        LIMITS.seed.min,
        LIMITS.seed.max,
        config.weightSeed,
      )}
      <div className="col-span-2 flex items-center gap-2 self-end pb-1.5 sm:col-span-1">
        <input
          id="bias"
          name="bias"
          type="checkbox"
          value="on"
          defaultChecked={biasOn}
          className="size-5 accent-indigo-700"
          {...(invalid('bias')
            ? { 'aria-invalid': true, 'aria-describedby': errorId('bias') }
            : {})}
        />
        <label htmlFor="bias" className="text-sm font-medium text-slate-800">
          Biases b₁, b₂
        </label>
      </div>
      <div className="col-span-2 flex flex-wrap items-center gap-3 self-end sm:col-span-1">
        <button
          type="submit"
          className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
        >
          Show this step
        </button>
        <a href="/worked-example" className="text-sm text-indigo-800 underline underline-offset-2">
          Deck&apos;s example
        </a>
      </div>
    </form>
  );
}
