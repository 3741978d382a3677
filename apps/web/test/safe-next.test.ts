/** Where sign-in goes next: a page of this site, never another site (an open redirect). */
import { describe, expect, it } from 'vitest';
import { safeNext } from '../src/account/safe-next.ts';

describe('safeNext', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeNext('/assignments/new')).toBe('/assignments/new');
    expect(safeNext('/assignments/abc?created=1#share')).toBe('/assignments/abc?created=1#share');
    expect(safeNext('/')).toBe('/');
  });

  it('goes to the dashboard without a target', () => {
    expect(safeNext(undefined)).toBe('/dashboard');
    expect(safeNext('')).toBe('/dashboard');
  });

  it.each([
    'https://evil.example/',
    'evil.example',
    'javascript:alert(1)',
    '//evil.example/path',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '\\/evil.example',
  ])('sends %j, another site to a browser, to the dashboard', (next) => {
    expect(safeNext(next)).toBe('/dashboard');
  });

  it('what it returns resolves on this site', () => {
    for (const next of ['/a/../b', '/%2F%2Fevil.example', '/ /x', '/a?next=//evil.example']) {
      const target = safeNext(next);
      expect(new URL(target, 'https://class.example.org').origin).toBe('https://class.example.org');
    }
  });
});
