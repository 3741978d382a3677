/**
 * Step wording shared by the console, the projector and the phones, so they all say the same:
 * a quizzed step is numbered from 1, and the training steps before it are counted apart.
 */

const count = (n: number) => n.toLocaleString('en');

/** "1 training step", "20,501 training steps". */
export function trainingStepsText(steps: number): string {
  return `${count(steps)} training ${steps === 1 ? 'step' : 'steps'}`;
}

/** "Step 2 (after 20,501 training steps)"; the first step, with nothing trained before it: "Step 1". */
export function quizStepLabel(quizStep: number, trainedBefore: number): string {
  return trainedBefore === 0
    ? `Step ${count(quizStep)}`
    : `Step ${count(quizStep)} (after ${trainingStepsText(trainedBefore)})`;
}

/** Between steps: "Step 1 done · 501 training steps so far". */
export function stepDoneLabel(quizStep: number, trained: number): string {
  return `Step ${count(quizStep)} done · ${trainingStepsText(trained)} so far`;
}

/**
 * [T2] Why a bias-free network stalls on XOR, in one sentence a teacher can read out. The
 * screens show it when the view's `training.stalled` is set.
 */
export const NO_BIAS_STALL_REASON =
  'Without biases the network’s output is a constant plus an odd function of x, and XOR is even (x and −x have the same label), so whatever moves x towards its label moves −x away from it: the network cannot learn XOR.';
