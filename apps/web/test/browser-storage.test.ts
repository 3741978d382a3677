/**
 * What a browser keeps across reloads (localStorage): the instructor secret, the student's player
 * token, the co-host token, the homework resume code; and the co-host link's fragment. Against an
 * in-memory Storage twin, including one that refuses every call as private modes do.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resumeStore } from '../src/homework/api.ts';
import {
  cohostLink,
  credentials,
  instructorCredentials,
  type StoredPlayer,
} from '../src/live/credentials.ts';
import { cohostToken, saveCohostToken } from '../src/teach/cohost-store.ts';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** Storage switched off: every call throws (Safari's old private mode, a blocked origin). */
const blocked = {
  getItem() {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem() {
    throw new DOMException('quota', 'QuotaExceededError');
  },
  removeItem() {
    throw new DOMException('denied', 'SecurityError');
  },
};

let storage: MemoryStorage;
const browser = (localStorage: unknown, hash = '') =>
  vi.stubGlobal('window', { localStorage, location: { hash } });

beforeEach(() => {
  storage = new MemoryStorage();
  browser(storage);
});
afterEach(() => vi.unstubAllGlobals());

const PLAYER: StoredPlayer = { playerId: 'p1', playerToken: 'tok-1', nickname: 'Ada' };

describe('credentials', () => {
  it('keeps the instructor secret and the player per join code, whatever its case', () => {
    credentials.saveInstructorSecret('abc123', 's3cret');
    credentials.savePlayer('ABC123', PLAYER);
    expect(credentials.instructorSecret('ABC123')).toBe('s3cret');
    expect(credentials.player('abc123')).toEqual(PLAYER);
    expect(credentials.instructorSecret('XYZ789')).toBeNull();
    expect(credentials.player('XYZ789')).toBeNull();
  });

  it('forgets the player only, and only of that lesson', () => {
    credentials.saveInstructorSecret('ABC123', 's3cret');
    credentials.savePlayer('ABC123', PLAYER);
    credentials.savePlayer('XYZ789', { ...PLAYER, nickname: 'Bo' });
    credentials.forgetPlayer('ABC123');
    expect(credentials.player('ABC123')).toBeNull();
    expect(credentials.player('XYZ789')?.nickname).toBe('Bo');
    expect(credentials.instructorSecret('ABC123')).toBe('s3cret');
  });

  it('a value that is not JSON (written by something else) starts afresh', () => {
    storage.setItem('backprop:ABC123:player', '{not json');
    expect(credentials.player('ABC123')).toBeNull();
  });

  it('without storage nothing is kept, and nothing throws', () => {
    browser(blocked);
    expect(() => credentials.savePlayer('ABC123', PLAYER)).not.toThrow();
    expect(() => credentials.forgetPlayer('ABC123')).not.toThrow();
    expect(credentials.player('ABC123')).toBeNull();
    expect(credentials.instructorSecret('ABC123')).toBeNull();
  });
});

describe('instructorCredentials', () => {
  it('the co-host link’s fragment wins over a saved secret', () => {
    credentials.saveInstructorSecret('ABC123', 's3cret');
    const link = new URL(cohostLink('https://class.example.org', 'ABC123', 'a b&c=d#e'));
    browser(storage, link.hash);
    expect(instructorCredentials('ABC123')).toEqual({ role: 'cohost', token: 'a b&c=d#e' });
  });

  it('else the saved instructor secret, else nothing', () => {
    credentials.saveInstructorSecret('ABC123', 's3cret');
    expect(instructorCredentials('ABC123')).toEqual({ role: 'instructor', secret: 's3cret' });
    expect(instructorCredentials('XYZ789')).toBeNull();
  });

  it('a fragment without a co-host token is ignored', () => {
    browser(storage, '#other=1');
    expect(instructorCredentials('ABC123')).toBeNull();
  });
});

describe('cohostLink', () => {
  it('carries the token in the fragment (never sent to a server), encoded', () => {
    const link = cohostLink('https://class.example.org', 'ABC123', 'a+b/c');
    expect(link).toBe('https://class.example.org/teach/ABC123#cohost=a%2Bb%2Fc');
    expect(new URL(link).search).toBe('');
  });
});

describe('co-host token store', () => {
  it('keeps the token per code, case-insensitively; none without storage', () => {
    saveCohostToken('abc123', 'tok');
    expect(cohostToken('ABC123')).toBe('tok');
    expect(cohostToken('XYZ789')).toBeNull();
    browser(blocked);
    expect(() => saveCohostToken('ABC123', 'tok')).not.toThrow();
    expect(cohostToken('ABC123')).toBeNull();
  });
});

describe('homework resume codes', () => {
  it('are kept per assignment and cleared per assignment', () => {
    resumeStore.set('hw-1', 'ABCDE12345');
    resumeStore.set('hw-2', 'ZZZZZ99999');
    expect(resumeStore.get('hw-1')).toBe('ABCDE12345');
    resumeStore.clear('hw-1');
    expect(resumeStore.get('hw-1')).toBeNull();
    expect(resumeStore.get('hw-2')).toBe('ZZZZZ99999');
  });

  it('without storage: nothing kept, nothing thrown (the code stays on screen)', () => {
    browser(blocked);
    expect(() => resumeStore.set('hw-1', 'ABCDE12345')).not.toThrow();
    expect(() => resumeStore.clear('hw-1')).not.toThrow();
    expect(resumeStore.get('hw-1')).toBeNull();
  });
});
