// A student whose network blinks comes back by socket.io-client's own reconnection, on a real
// server with the Redis adapter (several processes' mode; connection-state recovery is off: the
// fresh view replaces replayed packets, FO7).
import { randomUUID } from 'node:crypto';
import { type LessonView, PROTOCOL_VERSION } from '@backprop/contract';
import { applyMigrations } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';

const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

describe('reconnection with the Redis adapter (REDIS_URL), no connection-state recovery', () => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    await applyMigrations(database.url);
    server = await createServer({
      port: 0,
      databaseUrl: database.url,
      cluster: { redisUrl, prefix: `reconnect-${randomUUID()}` },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('[FO7][CL4][15.1] a student is back by themselves after the network drops, with a fresh view', async () => {
    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const { code } = await trpc.lesson.create.mutate({ preset: 'deck' });
    const { playerToken } = await trpc.lesson.join.mutate({ code, nickname: 'Blink' });
    const socket = io(server.url, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 200,
      auth: { protocolVersion: PROTOCOL_VERSION, code, as: { role: 'student', playerToken } },
    });
    const views: LessonView[] = [];
    const refusals: unknown[] = [];
    socket.on('view', (view) => views.push(view));
    socket.on('connect_error', (error) => refusals.push((error as { data?: unknown }).data));
    const connected = () => new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await connected();
    const before = views.length;
    // The network drops: the transport closes under the client, which reconnects by itself.
    const back = connected();
    socket.io.engine.close();
    await back;
    await expect.poll(() => views.length, { timeout: 5_000 }).toBeGreaterThan(before);
    expect(refusals).toEqual([]);
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });
});
