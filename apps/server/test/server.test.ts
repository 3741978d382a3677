// The real server on port 0, over a real database of each provider, called over tRPC and
// socket.io. PostgreSQL must be reachable (TEST_POSTGRES_URL): the suite fails, never skips.

import {
  type ClientToServerEvents,
  type HealthResult,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@backprop/contract';
import { applyMigrations, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
import { signUp } from './support/instructors';

describe.each(PROVIDERS)('server on %s', (provider) => {
  let database: TestDatabase;
  let server: RunningServer;
  let trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await applyMigrations(database.url);
    server = await createServer({ port: 0, databaseUrl: database.url });
    trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });
    socket = connect(server.url, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
  });

  afterAll(async () => {
    socket?.disconnect();
    await server?.stop();
    await database?.drop();
  });

  const socketHealth = (payload: unknown) =>
    // Untyped on purpose: tests also send payloads the contract forbids.
    (socket as unknown as Socket).timeout(5_000).emitWithAck('health', payload);

  it('answers GET /healthz with 200 JSON', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ ok: true, protocolVersion: PROTOCOL_VERSION });
  });

  it('[14.5] health over tRPC reads the database and, for an anonymous caller, writes nothing', async () => {
    const first = await trpc.health.mutate({ source: 'test-trpc' });
    expect(first).toEqual({
      ok: true,
      db: provider,
      heartbeats: expect.any(Number),
      protocolVersion: PROTOCOL_VERSION,
    });
    for (let i = 0; i < 5; i += 1) await trpc.health.mutate();
    expect((await trpc.health.mutate()).heartbeats).toBe(first.heartbeats);
  });

  it('health over tRPC writes a heartbeat for a signed-in instructor', async () => {
    const before = await trpc.health.mutate();
    const ada = await signUp(server.url, 'Ada');
    expect((await ada.trpc.health.mutate({ source: 'instructor' })).heartbeats).toBe(
      before.heartbeats + 1,
    );
  });

  it('health over socket.io calls the same service (read only)', async () => {
    const before = await trpc.health.mutate();
    const result: HealthResult = await socket.timeout(5_000).emitWithAck('health', {
      source: 'test-socket',
    });
    expect(result).toEqual({
      ok: true,
      db: provider,
      heartbeats: before.heartbeats,
      protocolVersion: PROTOCOL_VERSION,
    });
  });

  it("answers a malformed socket payload with the contract's INVALID_INPUT, like every event", async () => {
    for (const bad of [{ source: 42 }, 'health', null, { source: 'x', extra: true }]) {
      expect(await socketHealth(bad)).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.any(String) },
      });
    }
    expect(await socketHealth({})).toMatchObject({ ok: true });
  });

  it('rejects malformed tRPC input with BAD_REQUEST', async () => {
    const error = await trpc.health.mutate({ source: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
  });

  it('allows the requesting origin (web app on :3000, phones on the LAN)', async () => {
    for (const origin of ['http://localhost:3000', 'http://192.168.1.23:3000']) {
      const preflight = await fetch(`${server.url}/trpc/health`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      const call = await fetch(`${server.url}/trpc/health`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(call.status).toBe(200);
      expect(call.headers.get('access-control-allow-origin')).toBe(origin);
      expect(call.headers.get('vary')).toMatch(/\bOrigin\b/);
      const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
        headers: { origin },
      });
      expect(polling.status).toBe(200);
      expect(polling.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });
});
