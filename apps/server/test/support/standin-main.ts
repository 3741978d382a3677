// src/main.ts with the stand-in state machine, for the restart test until packages/lesson lands
// (then the test starts src/main.ts itself).
import { applyMigrations } from '@backprop/db';
import { createServer } from '../../src/create-server';
import { standinEngine } from './standin-engine';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
await applyMigrations(databaseUrl);
const server = await createServer({
  port: Number(process.env.SERVER_PORT ?? 0),
  databaseUrl,
  engine: standinEngine,
});
console.log(`Backprop Live server listening on port ${server.port} (tRPC /trpc, socket.io)`);
