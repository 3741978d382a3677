/**
 * The create-lesson form's state: text as typed (so a half-typed number is not lost), turned into
 * `LessonSettings` for the contract's schema, whose messages are mapped back onto the fields.
 */
import {
  type AnswerMode,
  DECK_PRESET,
  type LessonSettings,
  lessonSettingsSchema,
} from '@backprop/contract';
import {
  type Activation,
  QUANTITY_NAMES,
  type QuantityName,
  quantityNames,
} from '@backprop/mlp-core';

export interface QuestionDraft {
  ask: boolean;
  mode: AnswerMode;
  /** A tolerance of its own instead of the lesson's. */
  ownTolerance: boolean;
  relative: string;
  absolute: string;
}

export interface SettingsDraft {
  dataSeed: string;
  n: string;
  weightSeed: string;
  hidden: string;
  activation: Activation;
  bias: boolean;
  lr: string;
  reg: string;
  batch: string;
  questions: Record<QuantityName, QuestionDraft>;
  timerOn: boolean;
  timerSeconds: string;
  speedBonus: boolean;
  streakBonus: boolean;
  relative: string;
  absolute: string;
}

/** The draft of some settings (the deck preset by default); see the bias quantities below. */
export function draftFrom(settings: LessonSettings = DECK_PRESET): SettingsDraft {
  const { network } = settings;
  const asked = new Map(settings.questions.map((q) => [q.quantity, q]));
  // Bias quantities the settings could not ask (biases off) start asked, for when biases go on;
  // with biases on, a quantity the settings leave out is left out.
  const withoutBias = quantityNames({ bias: false });
  const questions = Object.fromEntries(
    QUANTITY_NAMES.map((name) => {
      const spec = asked.get(name);
      // No tolerance is copied to the update questions: grading on the step fits every lr.
      const tolerance = spec?.tolerance;
      return [
        name,
        {
          ask: spec !== undefined || (!network.bias && !withoutBias.includes(name)),
          mode: spec?.mode ?? 'numeric',
          ownTolerance: tolerance !== undefined,
          relative: String(tolerance?.relative ?? settings.tolerance.relative),
          absolute: String(tolerance?.absolute ?? settings.tolerance.absolute),
        } satisfies QuestionDraft,
      ];
    }),
  ) as Record<QuantityName, QuestionDraft>;
  return {
    dataSeed: String(network.dataSeed),
    n: String(network.n),
    weightSeed: String(network.weightSeed),
    hidden: String(network.hidden),
    activation: network.activation,
    bias: network.bias,
    lr: String(network.lr),
    reg: String(network.reg),
    batch: String(network.batch),
    questions,
    timerOn: settings.timerSeconds !== null,
    timerSeconds: String(settings.timerSeconds ?? 30),
    speedBonus: settings.scoring.speedBonus,
    streakBonus: settings.scoring.streakBonus,
    relative: String(settings.tolerance.relative),
    absolute: String(settings.tolerance.absolute),
  };
}

/** The draft with one question's row changed, every other row and setting as it was. */
export function withQuestion(
  draft: SettingsDraft,
  name: QuantityName,
  patch: Partial<QuestionDraft>,
): SettingsDraft {
  return {
    ...draft,
    questions: { ...draft.questions, [name]: { ...draft.questions[name], ...patch } },
  };
}

/** An empty field is not 0: it stays NaN so the schema refuses it. */
function num(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The quantities of the draft's network, in the deck's order. */
export function availableQuantities(draft: Pick<SettingsDraft, 'bias'>): QuantityName[] {
  return quantityNames({ bias: draft.bias });
}

/** The settings the draft describes (not yet checked), and which quantity each question is. */
export function settingsFrom(draft: SettingsDraft): {
  settings: LessonSettings;
  order: QuantityName[];
} {
  const order = availableQuantities(draft).filter((name) => draft.questions[name].ask);
  const settings: LessonSettings = {
    network: {
      dataSeed: num(draft.dataSeed),
      n: num(draft.n),
      weightSeed: num(draft.weightSeed),
      hidden: num(draft.hidden),
      activation: draft.activation,
      bias: draft.bias,
      lr: num(draft.lr),
      reg: num(draft.reg),
      batch: num(draft.batch),
    },
    questions: order.map((quantity) => {
      const q = draft.questions[quantity];
      return q.ownTolerance
        ? {
            quantity,
            mode: q.mode,
            tolerance: { relative: num(q.relative), absolute: num(q.absolute) },
          }
        : { quantity, mode: q.mode };
    }),
    timerSeconds: draft.timerOn ? num(draft.timerSeconds) : null,
    scoring: { speedBonus: draft.speedBonus, streakBonus: draft.streakBonus },
    tolerance: { relative: num(draft.relative), absolute: num(draft.absolute) },
  };
  return { settings, order };
}

/** Field ids of the form, keyed like the schema's paths (questions by quantity, not index). */
export type FieldErrors = Record<string, string>;

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
}

/** The schema's message, said the way a form says it. */
function readable(issue: Issue): string {
  if (issue.code === 'invalid_type') {
    return issue.expected === 'int' ? 'Enter a whole number.' : 'Enter a number.';
  }
  if (issue.origin === 'number' && issue.code === 'too_small') {
    return issue.inclusive === false
      ? `Must be more than ${String(issue.minimum)}.`
      : `At least ${String(issue.minimum)}.`;
  }
  if (issue.origin === 'number' && issue.code === 'too_big') {
    return `At most ${String(issue.maximum)}.`;
  }
  if (issue.origin === 'array' && issue.code === 'too_small') return 'Ask at least one question.';
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/** The draft checked with the contract's schema: the settings, or one message per field. */
export function validate(
  draft: SettingsDraft,
): { ok: true; settings: LessonSettings } | { ok: false; errors: FieldErrors } {
  const { settings, order } = settingsFrom(draft);
  const result = lessonSettingsSchema.safeParse(settings);
  if (result.success) return { ok: true, settings: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues as Issue[]) {
    const path = issue.path.map(String);
    // questions.<index>.… -> questions.<quantity>.…, the form's rows
    if (path[0] === 'questions' && path[1] !== undefined) {
      const quantity = order[Number(path[1])];
      if (quantity) path[1] = quantity;
    }
    const field = path.join('.') || 'form';
    errors[field] ??= readable(issue);
  }
  return { ok: false, errors };
}

/** The element id of a field, for labels and aria-describedby. */
export function fieldId(field: string): string {
  return `field-${field.replaceAll('.', '-')}`;
}
