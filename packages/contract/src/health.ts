/** The health check's wire shapes: tRPC `health` (a mutation: it may write a row) and the socket event `health`. */
import { z } from 'zod';
import type { PROTOCOL_VERSION } from './constants.ts';

export const healthInput = z.strictObject({
  /** Who is asking (written to the Heartbeat row); defaults to the transport's name. */
  source: z.string().min(1).max(64).optional(),
});
export type HealthInput = z.infer<typeof healthInput>;

export interface HealthResult {
  ok: true;
  db: 'sqlite' | 'postgresql';
  /** Heartbeat rows in the database (the one just written included, for a signed-in caller). */
  heartbeats: number;
  protocolVersion: typeof PROTOCOL_VERSION;
}
