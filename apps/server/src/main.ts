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
    /** Signs instructors' session cookies: 32+ random characters (`openssl rand -base64 32`). */
    BETTER_AUTH_SECRET: z.string().min(32).optional(),
    /** The app's public URL, e.g. https://backprop.example.edu: https makes the cookies Secure. */
    BETTER_AUTH_URL: z.url().optional(),
    /** Where students open the web app, e.g. https://backprop.example.edu (behind a proxy). */
    PUBLIC_URL: z.url().optional(),
    NODE_ENV: z.string().optional(),
  })
  .parse(process.env);

if (!env.BETTER_AUTH_SECRET) {
  if (env.NODE_ENV === 'production') {
    console.error('BETTER_AUTH_SECRET is required in production (32+ random characters).');
    process.exit(1);
  }
  console.warn(
    'BETTER_AUTH_SECRET is unset: instructor sessions are signed with a public development secret.',
  );
}

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
