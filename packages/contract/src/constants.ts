/**
 * Plain constants of the contract, in a module without zod: a browser page that needs only these
 * (and the error codes) does not ship the schemas (the package declares no side effects).
 */

/** Bumped on every incompatible change of this contract; checked on connect. */
export const PROTOCOL_VERSION = 2;

export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I/L

export const NICKNAME_MAX = 24;

/** Bounds of a fast-forward (`fastForward.steps`). */
export const FAST_FORWARD_STEPS = { min: 1, max: 20_000, default: 500 } as const;

/** Bounds of a question's timer (`settings.timerSeconds`). */
export const TIMER_SECONDS = { min: 5, max: 600 } as const;

/** What one `extendTimer` adds to the open question's timer (WCAG 2.2.1: time can be extended). */
export const TIMER_EXTENSION_SECONDS = 30;

/** How many students the projector's leaderboard lists (at least the podium's three). */
export const LEADERBOARD_LENGTH = { min: 3, max: 10, default: 5 } as const;

/**
 * How the projectors of a lesson show it: lesson state set from the console (a `display`
 * command), sent to the staff's screens (instructor and projector), never to students.
 */
export interface DisplayOptions {
  hideLeaderboard: boolean;
  /** Names as "Player N" (N in join order) on the big screen. */
  anonymise: boolean;
  /** How many students the projector's leaderboard lists. */
  leaderboardLength: number;
  /** Timer and reveal sounds on the projector. */
  sounds: boolean;
}

export const DEFAULT_DISPLAY_OPTIONS: DisplayOptions = {
  hideLeaderboard: false,
  anonymise: false,
  leaderboardLength: LEADERBOARD_LENGTH.default,
  sounds: false,
};

/**
 * socket.io-client's reconnection schedule for every live screen (the web app; the simulator does
 * as the web app): the first attempt 0.25-0.75 s after a drop, then doubling up to 4 s. With
 * socket.io's defaults (1 s, up to 5 s) a class whose server process died waited 0.5-1.5 s before
 * trying at all; each (re)connection is cheap for the server (a token lookup and one view).
 */
export const RECONNECTION = {
  reconnectionDelay: 500,
  reconnectionDelayMax: 4_000,
  randomizationFactor: 0.5,
} as const;
