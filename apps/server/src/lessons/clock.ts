/**
 * Time as a port: the runner, the fan-out and the cluster read the time and arm timers only
 * through this (tests inject a fake one).
 */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `run` once the event loop has served pending I/O (Node's setImmediate). */
  setImmediate(run: () => void): unknown;
  clearImmediate(handle: unknown): void;
}

/**
 * The system's time. Its timers never keep the process alive by themselves (the listening HTTP
 * server does): a server that has stopped exits even while a fan-out or cluster timer waits.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout> | undefined),
  setImmediate: (run) => setImmediate(run),
  clearImmediate: (handle) => clearImmediate(handle as ReturnType<typeof setImmediate> | undefined),
};
