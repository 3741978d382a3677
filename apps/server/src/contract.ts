// The health check's wire shapes. Everything of live lessons is in @backprop/contract; the
// protocol version is that package's.

import { PROTOCOL_VERSION } from '@backprop/contract';
import { z } from 'zod';

export { PROTOCOL_VERSION };

export const ERROR_CODES = {
  BAD_REQUEST: 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface WireError {
  code: ErrorCode;
  message: string;
}

/** What every socket acknowledgement carries: the result, or a typed error. */
export type Ack<T extends { ok: true }> = T | { ok: false; error: WireError };

// --- health ------------------------------------------------------------------------------------

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

// --- socket.io event maps ------------------------------------------------------------------------

export interface ClientToServerEvents {
  health: (input: HealthInput, ack: (result: Ack<HealthResult>) => void) => void;
}

// biome-ignore lint/complexity/noBannedTypes: no server-initiated events yet
export type ServerToClientEvents = {};
