// The join address phones are told to open: the server's own network addresses (never loopback,
// never a container bridge), or PUBLIC_URL when set; served as the public tRPC query joinInfo.
import type { NetworkInterfaceInfo } from 'node:os';
import { applyMigrations } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import { joinInfo, networkAddresses } from '../src/services/join-info';
import type { AppRouter } from '../src/trpc/router';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:00:00:00:00:00',
  internal: false,
  cidr: `${address}/64`,
  scopeid: 0,
});

describe('network addresses', () => {
  it('keeps external IPv4 addresses, LAN ranges first, and drops loopback, IPv6 and bridges', () => {
    const addresses = networkAddresses({
      lo: [v4('127.0.0.1', true)],
      docker0: [v4('172.17.0.1')],
      eth1: [v4('203.0.113.7')],
      wlan0: [v4('192.168.1.20'), v6('fe80::1')],
      eth0: [v4('10.4.0.9')],
    });
    expect(addresses).toEqual(['192.168.1.20', '10.4.0.9', '203.0.113.7']);
  });

  it('has none on a machine without a network, and PUBLIC_URL loses its trailing slash', () => {
    expect(joinInfo(null, { lo: [v4('127.0.0.1', true)] })).toEqual({
      publicUrl: null,
      addresses: [],
    });
    expect(joinInfo('https://backprop.example.edu/', {}).publicUrl).toBe(
      'https://backprop.example.edu',
    );
  });
});

describe('joinInfo over tRPC', () => {
  let database: TestDatabase;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database?.drop();
  });

  const clientOf = async (publicUrl?: string) => {
    const server = await createServer({
      port: 0,
      databaseUrl: database.url,
      ...(publicUrl && { publicUrl }),
    });
    servers.push(server);
    return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });
  };

  it('reports this machine’s addresses without signing in', async () => {
    const trpc = await clientOf();
    expect(await trpc.joinInfo.query()).toEqual({ publicUrl: null, addresses: networkAddresses() });
  });

  it('reports PUBLIC_URL when the server has one', async () => {
    const trpc = await clientOf('https://backprop.example.edu');
    expect((await trpc.joinInfo.query()).publicUrl).toBe('https://backprop.example.edu');
  });
});
