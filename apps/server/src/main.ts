// Reads the environment, applies pending migrations, listens; stops cleanly on SIGTERM/SIGINT.
import { applyMigrations, defaultDatabaseUrl } from '@backprop/db';
import { z } from 'zod';
import { createServer } from './create-server';

const env = z
  .object({
    DATABASE_URL: z.string().min(1).optional(),
    SERVER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    /** Comma-separated allowed origins; unset allows any requesting origin. */
    CORS_ORIGIN: z.string().min(1).optional(),
    /** redis://...: several server processes share the lessons (README, "Running several servers"). */
    REDIS_URL: z.string().min(1).optional(),
    /** Prefix of the Redis keys and channels; default `backprop`. */
    REDIS_PREFIX: z.string().min(1).optional(),
    /**
     * Signs instructors' session cookies: 32+ random characters (`openssl rand -base64 32`).
     * Unset: a random secret made once and kept in the database (every process shares it).
     */
    BETTER_AUTH_SECRET: z.string().min(32).optional(),
    /** The app's public URL, e.g. https://backprop.example.edu: https makes the cookies Secure. */
    BETTER_AUTH_URL: z.url().optional(),
    /** Where students open the web app, e.g. https://backprop.example.edu (behind a proxy). */
    PUBLIC_URL: z.url().optional(),
    /** When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /**
     * Comma-separated peers whose X-Forwarded-For is believed (addresses, CIDRs, or `loopback`,
     * `linklocal`, `uniquelocal`): e.g. `loopback` behind an nginx on this machine. Unset: none.
     */
    TRUST_PROXY: z.string().min(1).optional(),
    /** Multiplies every per-address budget (SECURITY.md); default 1. */
    RATE_LIMIT_SCALE: z.coerce.number().positive().optional(),
    /** The most students one lesson admits; default 10,000. */
    MAX_PLAYERS_PER_LESSON: z.coerce.number().int().min(1).optional(),
    NODE_ENV: z.string().optional(),
  })
  .parse(process.env);

const databaseUrl = env.DATABASE_URL ?? defaultDatabaseUrl();
const applied = await applyMigrations(databaseUrl);
if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);

const server = await createServer({
  port: env.SERVER_PORT,
  databaseUrl,
  corsOrigin: env.CORS_ORIGIN?.split(',').map((origin) => origin.trim()) ?? true,
  ...(env.BETTER_AUTH_SECRET && { authSecret: env.BETTER_AUTH_SECRET }),
  ...(env.BETTER_AUTH_URL && { authBaseUrl: env.BETTER_AUTH_URL }),
  ...(env.PUBLIC_URL && { publicUrl: env.PUBLIC_URL }),
  ...(env.METRICS_TOKEN && { metricsToken: env.METRICS_TOKEN }),
  limits: {
    trustProxy: env.TRUST_PROXY?.split(',').map((peer) => peer.trim()) ?? [],
    ...(env.RATE_LIMIT_SCALE && { scale: env.RATE_LIMIT_SCALE }),
  },
  ...(env.MAX_PLAYERS_PER_LESSON && { maxPlayersPerLesson: env.MAX_PLAYERS_PER_LESSON }),
  ...(env.REDIS_URL && {
    cluster: { redisUrl: env.REDIS_URL, ...(env.REDIS_PREFIX && { prefix: env.REDIS_PREFIX }) },
  }),
});
console.log(
  `Backprop Live server listening on port ${server.port} (tRPC /trpc, socket.io${env.REDIS_URL ? ', Redis adapter' : ''})`,
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: shutting down`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
