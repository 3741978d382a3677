/**
 * The real socket (socket.io-client) against a real socket.io server: every request of every
 * connection of this page load carries the same routing key, reconnections included, so a load
 * balancer that hashes on it keeps a long-polling session on one process (docs/nginx.conf).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROTOCOL_VERSION, RECONNECTION } from '@backprop/contract';
import { Server } from 'socket.io';
import type { Manager } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type LiveSocket, routeKey, socketIoFactory } from '../src/live/lesson-connection.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const handshake = {
  protocolVersion: PROTOCOL_VERSION,
  code: 'ABCDEF',
  as: { role: 'student', playerToken: 'token-1' },
} as const;

function until(socket: LiveSocket, event: 'connect' | 'disconnect'): Promise<void> {
  return new Promise((resolve) => socket.on(event as 'connect', () => resolve()));
}

describe('socketIoFactory', () => {
  it('sends one routing key per page load on every request, kept across reconnections', async () => {
    const http = createServer();
    const io = new Server(http);
    cleanups.push(() => new Promise((resolve) => io.close(resolve)));
    // Every HTTP request (long-polling) and WebSocket upgrade that reached the server.
    const requests: string[] = [];
    const record = (request: IncomingMessage) => requests.push(request.url ?? '');
    http.on('request', record);
    http.on('upgrade', record);
    const routes: unknown[] = [];
    io.on('connection', (socket) => routes.push(socket.handshake.query.route));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const previousUrl = process.env.NEXT_PUBLIC_SERVER_URL;
    process.env.NEXT_PUBLIC_SERVER_URL = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    cleanups.push(() => {
      process.env.NEXT_PUBLIC_SERVER_URL = previousUrl;
    });

    const socket = socketIoFactory(handshake);
    cleanups.push(() => socket.disconnect());
    await until(socket, 'connect');
    // The process holding the session goes away (its transport closes): socket.io reconnects
    // by itself, with the options it was made with.
    const dropped = until(socket, 'disconnect');
    for (const held of io.sockets.sockets.values()) held.conn.close();
    await dropped;
    await until(socket, 'connect');
    // Another connection of the same page (a screen remounting) keeps the key too.
    const second = socketIoFactory(handshake);
    cleanups.push(() => second.disconnect());
    if (!second.connected) await until(second, 'connect');

    expect(routes).toHaveLength(3);
    const key = routeKey();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(routes).toEqual([key, key, key]);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const url of requests) {
      expect(new URL(url, 'http://x').searchParams.get('route'), url).toBe(key);
    }
  });

  it("reconnects on the shared schedule, not socket.io's default (first try after 0.25-0.75 s)", () => {
    const previousUrl = process.env.NEXT_PUBLIC_SERVER_URL;
    process.env.NEXT_PUBLIC_SERVER_URL = 'http://127.0.0.1:9';
    cleanups.push(() => {
      process.env.NEXT_PUBLIC_SERVER_URL = previousUrl;
    });
    const socket = socketIoFactory(handshake);
    cleanups.push(() => socket.disconnect());
    const manager = (socket as unknown as { io: Manager }).io;
    expect(manager.reconnectionDelay()).toBe(RECONNECTION.reconnectionDelay);
    expect(manager.reconnectionDelayMax()).toBe(RECONNECTION.reconnectionDelayMax);
    expect(manager.randomizationFactor()).toBe(RECONNECTION.randomizationFactor);
    expect(RECONNECTION.reconnectionDelay).toBeLessThan(1000);
  });
});
