/** The address students are told to open, from the page's address and what the server reports. */
import { describe, expect, it } from 'vitest';
import { isLoopback, joinAddressFor, shownAddress } from '../src/live/join-address.ts';

const page = (href: string) => new URL(href);
const LAN = { publicUrl: null, addresses: ['192.168.1.20', '10.0.0.5'] };

describe('isLoopback', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    '127.0.0.1',
    '127.1.2.3',
    '[::1]',
    '::1',
    '0.0.0.0',
    'app.localhost',
  ])('%s is this machine', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(['192.168.1.20', 'class.example.org', 'localhost.example.org', '128.0.0.1', '127.0.0'])(
    '%s is reachable from a phone',
    (host) => {
      expect(isLoopback(host)).toBe(false);
    },
  );
});

describe('joinAddressFor', () => {
  it('PUBLIC_URL wins over everything, even on a network address', () => {
    const info = { publicUrl: 'https://live.school.org', addresses: ['192.168.1.20'] };
    expect(joinAddressFor(page('http://localhost:3000/show/ABC'), info)).toEqual({
      base: 'https://live.school.org',
      source: 'public',
    });
    expect(joinAddressFor(page('http://10.1.1.1:3000/show/ABC'), info).source).toBe('public');
  });

  it("a page opened by a name or address phones can reach is its own origin (the server's reply does not matter)", () => {
    const expected = { base: 'https://class.example.org', source: 'page' };
    expect(joinAddressFor(page('https://class.example.org/show/ABC'), null)).toEqual(expected);
    expect(joinAddressFor(page('https://class.example.org/show/ABC'), LAN)).toEqual(expected);
  });

  it("on localhost: the server's first network address, on the page's port and scheme", () => {
    expect(joinAddressFor(page('http://localhost:3000/show/ABC'), LAN)).toEqual({
      base: 'http://192.168.1.20:3000',
      source: 'network',
    });
    expect(joinAddressFor(page('https://127.0.0.1/teach/ABC'), LAN)).toEqual({
      base: 'https://192.168.1.20',
      source: 'network',
    });
  });

  it('on localhost before the server answers: pending, the page’s own origin meanwhile', () => {
    expect(joinAddressFor(page('http://localhost:3000/show/ABC'), null)).toEqual({
      base: 'http://localhost:3000',
      source: 'pending',
    });
  });

  it('on localhost with a server without a network address: none (phones cannot join)', () => {
    expect(
      joinAddressFor(page('http://localhost:3000/'), { publicUrl: null, addresses: [] }),
    ).toEqual({ base: 'http://localhost:3000', source: 'none' });
  });
});

describe('shownAddress', () => {
  it('drops the scheme, as people type it', () => {
    expect(shownAddress('http://192.168.1.20:3000/play/ABC123')).toBe(
      '192.168.1.20:3000/play/ABC123',
    );
    expect(shownAddress('https://live.school.org/play/ABC123')).toBe('live.school.org/play/ABC123');
    expect(shownAddress('live.school.org/play/X')).toBe('live.school.org/play/X');
  });
});
