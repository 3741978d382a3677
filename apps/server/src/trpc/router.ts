import { initTRPC } from '@trpc/server';
import type { AppContext } from '../context';
import { healthInput } from '../contract';
import { checkHealth } from '../services/health';

// isDev off: error answers never carry server stack traces to browsers.
const t = initTRPC.context<AppContext>().create({ isDev: false });

export const appRouter = t.router({
  // A mutation, not a query: it writes a Heartbeat row (and must not be cached or prefetched).
  health: t.procedure
    .input(healthInput.optional())
    .mutation(({ ctx, input }) => checkHealth(ctx, input?.source ?? 'trpc')),
});

/** The router's type, for the web app's tRPC client. */
export type AppRouter = typeof appRouter;
