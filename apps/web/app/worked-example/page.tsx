import {
  ConfigError,
  type GivenName,
  type Matrix,
  PHASES,
  type Phase,
  type QuantityName,
  type StepTrace,
  traceStep,
} from '@backprop/mlp-core';
import { ConfigForm, errorId } from '../../src/components/config-form.tsx';
import { QuantityCard } from '../../src/components/quantity-card.tsx';
import { ServerStatus } from '../../src/components/server-status.tsx';
import {
  DEFAULT_SETTINGS,
  isDeckExample,
  type PageSettings,
  type ParseResult,
  parseSettings,
  type SearchParams,
} from '../../src/lib/config-params.ts';

const PHASE_TEXT: Record<Phase, { title: string; intro: string }> = {
  forward: { title: 'Forward step', intro: 'From the input X to the prediction h₂.' },
  loss: { title: 'Loss', intro: 'How far the prediction h₂ is from the label y.' },
  backward: {
    title: 'Backward step',
    intro:
      'The chain rule, from the loss back to each weight. Every gradient reuses the ones computed before it.',
  },
  update: {
    title: 'Update',
    intro: 'One gradient-descent step: each weight moves against its gradient.',
  },
};

/** Remarks on the deck's slides, shown only on the deck's own example. */
const DECK_NOTES: Partial<Record<QuantityName, string>> = {
  dLoss_dh2: 'The deck writes −(y − h₂): with N = 1 row it is the same number.',
  dh2_dz2:
    "The deck prints [-0.23353037 0.2478971], a sign slip: h₂(1 − h₂) is positive for every h₂ between 0 and 1, and the deck's later numbers use the positive value.",
};

const GIVEN_SYMBOLS: Record<GivenName, string> = {
  X: 'X',
  y: 'y',
  W1: 'W_1',
  W2: 'W_2',
  b1: 'b_1',
  b2: 'b_2',
};

function givenNote(name: GivenName, { config, offset }: PageSettings): string {
  switch (name) {
    case 'X':
      return `Data row ${offset} of RandomState(${config.dataSeed}).randn(${config.n}, 2); rows are observations.`;
    case 'y':
      return 'XOR(x₁ > 0, x₂ > 0), one-hot: [1 0] for 0, [0 1] for 1.';
    case 'W1':
      return `(2·random((2, ${config.hidden})) − 1) / √2 after np.random.seed(${config.weightSeed}).`;
    case 'W2':
      return `(2·random((${config.hidden}, 2)) − 1) / √${config.hidden}, drawn right after W1.`;
    default:
      return 'Zero-initialised.';
  }
}

function describe({ config, offset }: PageSettings): string {
  return `A 2-${config.hidden}-2 network, ${config.activation} hidden layer, sigmoid output, ${
    config.bias ? 'with' : 'no'
  } biases, data row ${offset}, learning rate α = ${config.lr}.`;
}

function Step({ settings, trace }: { settings: PageSettings; trace: StepTrace }) {
  const deck = isDeckExample(settings);
  const givens = Object.entries(trace.givens).filter(
    (given): given is [GivenName, Matrix] => given[1] !== undefined,
  );
  return (
    <>
      <p className="mt-6 text-slate-800" data-testid="step-summary">
        {describe(settings)}{' '}
        {deck ? (
          <strong>This is the deck&apos;s worked example.</strong>
        ) : (
          <span>
            The deck&apos;s worked example uses 3 hidden units, sigmoid, no biases, row 0, α =
            0.001.
          </span>
        )}
      </p>
      <section aria-labelledby="phase-givens" className="mt-8">
        <h2 id="phase-givens" className="text-xl font-bold text-slate-900">
          Givens
        </h2>
        <p className="mt-1 text-slate-700">
          The inputs of the step: one batch and the current weights.
        </p>
        <div className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          {givens.map(([name, value]) => (
            <QuantityCard
              key={name}
              kind="given"
              name={name}
              symbol={GIVEN_SYMBOLS[name]}
              note={givenNote(name, settings)}
              value={value}
            />
          ))}
        </div>
      </section>
      {PHASES.map((phase) => {
        const entries = trace.entries.filter((entry) => entry.phase === phase);
        if (entries.length === 0) return null;
        return (
          <section
            key={phase}
            aria-labelledby={`phase-${phase}`}
            className="mt-10"
            data-phase={phase}
          >
            <h2 id={`phase-${phase}`} className="text-xl font-bold text-slate-900">
              {PHASE_TEXT[phase].title}
            </h2>
            <p className="mt-1 text-slate-700">{PHASE_TEXT[phase].intro}</p>
            <div className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
              {entries.map((entry) => (
                <QuantityCard
                  key={entry.name}
                  kind="quantity"
                  name={entry.name}
                  symbol={entry.symbol}
                  formula={entry.formula}
                  remark={deck ? DECK_NOTES[entry.name] : undefined}
                  value={entry.value}
                  inputs={entry.inputs}
                />
              ))}
            </div>
          </section>
        );
      })}
    </>
  );
}

type PageState =
  | { ok: true; settings: PageSettings; trace: StepTrace }
  | Extract<ParseResult, { ok: false }>;

/** The URL's settings and their step; mlp-core's own checks are reported like the page's. */
function pageState(searchParams: SearchParams): PageState {
  const parsed = parseSettings(searchParams);
  if (!parsed.ok) return parsed;
  const { config, offset } = parsed.settings;
  try {
    return { ok: true, settings: parsed.settings, trace: traceStep(config, offset) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, errors: [{ param: error.field, message: error.message }], raw: {} };
  }
}

export default async function WorkedExamplePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const parsed = pageState(await searchParams);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          One training step, brick by brick
        </h1>
        {/* Here, not in every page's header: each check writes a heartbeat row. */}
        <ServerStatus />
      </div>
      <p className="mt-2 max-w-3xl text-slate-800">
        The worked example of &ldquo;Building your Neural Network from Scratch&rdquo;: a tiny
        network learning XOR, every quantity of one backpropagation step with its formula and its
        value, to 8 decimals. Change the settings to see another step.
      </p>
      {!parsed.ok && (
        <div
          role="alert"
          data-testid="param-errors"
          className="mt-6 rounded-lg border-2 border-rose-700 bg-rose-50 p-4 text-rose-900"
        >
          <h2 className="font-semibold">These settings cannot be used</h2>
          <ul className="mt-2 list-disc pl-5">
            {parsed.errors.map((error) => (
              <li key={error.param} id={errorId(error.param)}>
                {error.message}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            Fix them in the settings below, or{' '}
            <a href="/worked-example" className="font-medium underline underline-offset-2">
              go back to the deck&apos;s example
            </a>
            .
          </p>
        </div>
      )}
      <section
        aria-labelledby="settings-heading"
        className="mt-6 rounded-lg border border-slate-300 bg-white p-4"
      >
        <h2 id="settings-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Settings
        </h2>
        {parsed.ok ? (
          <ConfigForm settings={parsed.settings} />
        ) : (
          <ConfigForm settings={DEFAULT_SETTINGS} raw={parsed.raw} errors={parsed.errors} />
        )}
      </section>
      {parsed.ok && <Step settings={parsed.settings} trace={parsed.trace} />}
    </>
  );
}
