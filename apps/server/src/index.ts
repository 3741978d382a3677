export { createServer, type RunningServer, type ServerOptions } from './create-server';
export type { AppRouter } from './trpc/router';
