import { ACTIVATIONS } from '@backprop/mlp-core';
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

/** The network's settings as a GET form: the URL is the state, so every step can be shared. */
export function ConfigForm({ settings, raw = {}, errors = [] }: ConfigFormProps) {
  const { config, offset } = settings;
  const value = (param: ParamName, fallback: string | number) => raw[param] ?? String(fallback);
  const invalid = (param: ParamName) => errors.some((error) => error.param === param);
  const aria = (param: ParamName) =>
    invalid(param) ? { 'aria-invalid': true, 'aria-describedby': errorId(param) } : {};
  const biasOn =
    raw.bias === undefined ? config.bias : ['on', 'true', '1', 'yes'].includes(raw.bias);

  return (
    <form method="get" action="/" className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4">
      <div>
        <label htmlFor="hidden" className={labelClass}>
          Hidden units
        </label>
        <input
          id="hidden"
          name="hidden"
          type="number"
          inputMode="numeric"
          min={LIMITS.hidden.min}
          max={LIMITS.hidden.max}
          step={1}
          required
          defaultValue={value('hidden', config.hidden)}
          className={fieldClass}
          {...aria('hidden')}
        />
      </div>
      <div>
        <label htmlFor="activation" className={labelClass}>
          Hidden activation
        </label>
        <select
          id="activation"
          name="activation"
          defaultValue={
            (ACTIVATIONS as readonly string[]).includes(raw.activation ?? '')
              ? raw.activation
              : config.activation
          }
          className={fieldClass}
          {...aria('activation')}
        >
          {ACTIVATIONS.map((activation) => (
            <option key={activation} value={activation}>
              {activation}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="lr" className={labelClass}>
          Learning rate α
        </label>
        <input
          id="lr"
          name="lr"
          type="text"
          inputMode="decimal"
          required
          defaultValue={value('lr', config.lr)}
          className={fieldClass}
          {...aria('lr')}
        />
      </div>
      <div>
        <label htmlFor="offset" className={labelClass}>
          Data row
        </label>
        <input
          id="offset"
          name="offset"
          type="number"
          inputMode="numeric"
          min={0}
          max={config.n - 1}
          step={1}
          required
          defaultValue={value('offset', offset)}
          className={fieldClass}
          {...aria('offset')}
        />
      </div>
      <div>
        <label htmlFor="dataSeed" className={labelClass}>
          Data seed
        </label>
        <input
          id="dataSeed"
          name="dataSeed"
          type="number"
          inputMode="numeric"
          min={LIMITS.seed.min}
          max={LIMITS.seed.max}
          step={1}
          required
          defaultValue={value('dataSeed', config.dataSeed)}
          className={fieldClass}
          {...aria('dataSeed')}
        />
      </div>
      <div>
        <label htmlFor="weightSeed" className={labelClass}>
          Weight seed
        </label>
        <input
          id="weightSeed"
          name="weightSeed"
          type="number"
          inputMode="numeric"
          min={LIMITS.seed.min}
          max={LIMITS.seed.max}
          step={1}
          required
          defaultValue={value('weightSeed', config.weightSeed)}
          className={fieldClass}
          {...aria('weightSeed')}
        />
      </div>
      <div className="col-span-2 flex items-center gap-2 self-end pb-1.5 sm:col-span-1">
        <input
          id="bias"
          name="bias"
          type="checkbox"
          value="on"
          defaultChecked={biasOn}
          className="size-5 accent-indigo-700"
          {...aria('bias')}
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
        <a href="/" className="text-sm text-indigo-800 underline underline-offset-2">
          Deck&apos;s example
        </a>
      </div>
    </form>
  );
}
