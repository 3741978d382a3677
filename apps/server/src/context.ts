import type { Db } from '@backprop/db';

/** What the service layer needs; one per server, shared by tRPC and socket.io. */
export interface AppContext {
  db: Db;
}
