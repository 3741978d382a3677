// Pre-encoded views: the encoder writes EncodedJson text in place, and the packet is the one
// socket.io would have written for the parsed value.
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import type { AppServer } from '../src/socket/app-server';
import { acceptEncodedJson, EncodedJson } from '../src/socket/encoded';

describe('EncodedJson', () => {
  // Not attached to an HTTP server: nothing to close.
  const io = new Server() as AppServer;
  const plain = new Server() as AppServer;
  acceptEncodedJson(io);

  const view = { kind: 'student', version: 3, known: { W1: [[0.1, -2e-7]] }, me: { n: 'Zoë "z"' } };
  const packets = [
    { type: 2, nsp: '/', data: ['view', view] },
    { type: 2, nsp: '/admin', data: ['view', view] },
    { type: 2, nsp: '/', id: 7, data: ['view', view, 'offset-1'] },
  ];

  it.each(packets)(
    '[FO6] writes the same packet as socket.io does for the value (%#)',
    (packet) => {
      const encoded = {
        ...packet,
        data: packet.data.map((d) => (d === view ? new EncodedJson(JSON.stringify(view)) : d)),
      };
      expect(io.encoder.encode(encoded)).toEqual(plain.encoder.encode(packet));
    },
  );

  it('leaves other packets to socket.io', () => {
    const packet = { type: 2, nsp: '/', data: ['frame', { step: 1 }] };
    expect(io.encoder.encode(packet)).toEqual(plain.encoder.encode(packet));
    const binary = { type: 2, nsp: '/', data: ['bin', Buffer.from([1, 2])] };
    expect(io.encoder.encode(binary)).toEqual(plain.encoder.encode(binary));
  });
});
