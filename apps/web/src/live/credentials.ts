/**
 * What a browser keeps so a reload, a dropped connection or a closed tab returns it to the same
 * place: the instructor secret and the student's player token, per join code (localStorage).
 */
import type { Credentials, JoinLessonResult } from '@backprop/contract';

const key = (code: string, who: 'instructor' | 'player') => `backprop:${code.toUpperCase()}:${who}`;

function read<T>(k: string): T | null {
  try {
    const raw = window.localStorage.getItem(k);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null; // storage disabled (private mode) or a value from elsewhere: start afresh
  }
}

function write(k: string, value: unknown): void {
  try {
    window.localStorage.setItem(k, JSON.stringify(value));
  } catch {
    // Without storage the page still works; only a reload loses the identity.
  }
}

export interface StoredPlayer extends JoinLessonResult {
  nickname: string;
}

export const credentials = {
  instructorSecret: (code: string) => read<string>(key(code, 'instructor')),
  saveInstructorSecret: (code: string, secret: string) => write(key(code, 'instructor'), secret),
  player: (code: string) => read<StoredPlayer>(key(code, 'player')),
  savePlayer: (code: string, player: StoredPlayer) => write(key(code, 'player'), player),
  forgetPlayer: (code: string) => {
    try {
      window.localStorage.removeItem(key(code, 'player'));
    } catch {
      // nothing stored
    }
  },
};

/** The co-host link carries its token in the URL fragment (never sent to any server in requests). */
export function cohostLink(origin: string, code: string, token: string): string {
  return `${origin}/teach/${code}#cohost=${encodeURIComponent(token)}`;
}

/** The instructor's credentials on this page: the co-host token from the link, else the saved secret. */
export function instructorCredentials(code: string): Credentials | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1)).get('cohost');
  if (fragment) return { role: 'cohost', token: fragment };
  const secret = credentials.instructorSecret(code);
  return secret ? { role: 'instructor', secret } : null;
}
