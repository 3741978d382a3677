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

/** What a slide says, what is right, and why it matters for a student copying it. */
interface DeckNote {
  says: string;
  right: string;
  why: string;
}

/**
 * The deck's slips, each next to the quantity it concerns; shown only on the deck's own
 * example. Several set up exactly the mistakes the grader names (the update's direction, the
 * sign of dh₂/dz₂, the new weights in the backward pass).
 */
const DECK_NOTES: Partial<Record<QuantityName, DeckNote[]>> = {
  h2: [
    {
      says: 'h₂ is called "log probabilities" (h₂ = log p(x)), and an early slide writes predicted = softmax(f(f(X, W₁), W₂)).',
      right:
        'h₂ = sigmoid(z₂): each output is squashed into (0, 1) on its own. Nothing here is a log-probability and no softmax is applied.',
      why: 'A softmax couples the two outputs (they would sum to 1) and gives other numbers; a log-probability would be negative.',
    },
  ],
  loss: [
    {
      says: 'Loss = 1/(2N) Σ from i = 0 to N of (yᵢ − h₂ᵢ)², and λ/(2N) Σ from j = 0 to M of Wⱼ².',
      right:
        'The sum runs over the N rows of the batch: i = 1 … N (or 0 … N − 1), N terms, not N + 1.',
      why: 'Summing N + 1 terms while dividing by N does not give the average.',
    },
  ],
  dLoss_dh2: [
    {
      says: 'dLoss/dh₂ = −(y − h₂).',
      right:
        'dLoss/dh₂ = −(y − h₂)/N: the loss averages over the N rows, so each row’s gradient carries 1/N.',
      why: 'With N = 1 row it is the same number; with a batch, forgetting 1/N makes every gradient N times too large.',
    },
  ],
  dh2_dz2: [
    {
      says: 'dh₂/dz₂ = [-0.23353037 0.2478971].',
      right:
        'h₂(1 − h₂) = [0.23353037 0.2478971]: positive for every h₂ between 0 and 1. This is a sign slip: the first entry took the sign of dLoss/dh₂.',
      why: "The deck's later numbers use the positive value, so copying the printed one gives wrong signs from dLoss/dz₂ on.",
    },
  ],
  dLoss_dz2: [
    {
      says: 'No slide shows dLoss/dz₂ on its own; the dLoss/dh₁ slide puts [0.23353037 0.2478971] (that is dh₂/dz₂) in its place.',
      right: 'dLoss/dz₂ = dLoss/dh₂ ⊙ dh₂/dz₂ = [-0.14673508 0.11258065].',
      why: 'dLoss/dz₂ is the brick both weight gradients reuse; without it the chain rule loses dLoss/dh₂.',
    },
  ],
  dLoss_dW2: [
    {
      says: 'dLoss/dW₂ = h₁ᵀ [-0.23353037 0.2478971] [-0.62833404 0.45414264]: the sign-slipped dh₂/dz₂, and two row vectors written side by side.',
      right:
        'dLoss/dW₂ = h₁ᵀ (dLoss/dh₂ ⊙ dh₂/dz₂) = h₁ᵀ [-0.14673508 0.11258065]: the entry-by-entry product first, then the outer product with h₁.',
      why: 'The printed result is right, so it was computed with the positive factor; a student redoing the line as written gets the first column with the wrong sign.',
    },
  ],
  dz2_dh1: [
    {
      says: 'W₂* (the new W₂) is computed on the slide before this one.',
      right:
        'dz₂/dh₁ = W₂, the weights before the update: the whole backward pass uses the old weights.',
      why: 'Using W₂* here mixes two steps; the difference is small at α = 0.001 but it is a different algorithm.',
    },
  ],
  dLoss_dh1: [
    {
      says: 'dLoss/dh₁ = [0.23353037 0.2478971] · W₂, that is dh₂/dz₂ times W₂ without a transpose, = [0.02599101 0.01515256 0.08274025].',
      right:
        'dLoss/dh₁ = dLoss/dz₂ (dz₂/dh₁)ᵀ = [-0.14673508 0.11258065] W₂ᵀ = [0.02599101 0.01515256 0.08274025]: the printed result is right.',
      why: 'A 1×2 row times the 3×2 W₂ does not multiply; done as written (with the transpose) the factor gives [-0.17372609 -0.14244156 -0.06663460].',
    },
  ],
  dLoss_dW1: [
    {
      says: 'The diagram writes "dLoss/dh₁ = dLoss/dh₁ · dh₁/dz₁ · dz₁/dW₁", and the text below speaks of "the weights W2" and "the last layer h2".',
      right:
        'dLoss/dW₁ = (dz₁/dW₁)ᵀ (dLoss/dh₁ ⊙ dh₁/dz₁) = Xᵀ dLoss/dz₁: this slide is about W₁ and the hidden layer h₁.',
      why: 'The left-hand side is the quantity being computed; read literally the line defines dLoss/dh₁ by itself.',
    },
  ],
  W2_new: [
    {
      says: 'W₂* = W₂ − α dLoss/dW₂ is shown before dLoss/dh₁ is computed.',
      right: 'Update the weights after the whole backward pass: dLoss/dh₁ uses the old W₂.',
      why: 'Invites the new weights into the backward pass (see dz₂/dh₁).',
    },
  ],
  W1_new: [
    {
      says: 'An early slide says the gradient "will point in the direction of the greatest decrease of the loss function".',
      right:
        'The gradient points in the direction of the greatest increase; gradient descent steps against it: W₁* = W₁ − α dLoss/dW₁.',
      why: 'Believing the slide, a student adds α times the gradient ("update added instead of subtracted"), and the loss grows.',
    },
  ],
};

function DeckRemark({ notes }: { notes: DeckNote[] }) {
  return (
    <ul className="mt-1 grid gap-2">
      {notes.map((note) => (
        <li key={note.says} className="grid gap-0.5">
          <span>
            <em>The slide says:</em> {note.says}
          </span>
          <span>
            <em>Right:</em> {note.right}
          </span>
          <span>
            <em>Why it matters:</em> {note.why}
          </span>
        </li>
      ))}
    </ul>
  );
}

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
      {!settings.config.bias && settings.config.activation !== 'relu' && (
        <p
          className="mt-3 max-w-3xl rounded-md border-l-4 border-indigo-700 bg-indigo-50 px-3 py-2 text-slate-900"
          data-testid="bias-free-bound"
        >
          <strong>Without biases this network cannot learn XOR.</strong> With no b₁, b₂, z₁(−x) =
          −z₁(x), and σ(−z) = 1 − σ(z) (tanh(−z) = −tanh(z)), so z₂(x) + z₂(−x) is the same for
          every x (the column sums of W₂ for the sigmoid, 0 for tanh). The decision d(x) = z₂[2] −
          z₂[1] therefore has d(x) + d(−x) = a constant. XOR gives x and −x the same label, so for
          one of the two classes at most one point of each pair (x, −x) can be right: on symmetric
          data the accuracy is capped near 75%. Switch biases on to lift the cap.
        </p>
      )}
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
                  remark={
                    deck && DECK_NOTES[entry.name] ? (
                      <DeckRemark notes={DECK_NOTES[entry.name]!} />
                    ) : undefined
                  }
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
