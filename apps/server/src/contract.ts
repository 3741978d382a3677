// The wire contract between the web app and this server: versioned, zod-validated, typed
// socket.io events. (It may move to a shared package once the web app imports it at runtime.)
import { z } from 'zod';

/** Bumped on every incompatible change of the wire format. */
export const PROTOCOL_VERSION = 1;

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
  /** Heartbeat rows in the database, the one just written included. */
  heartbeats: number;
  protocolVersion: typeof PROTOCOL_VERSION;
}

// --- socket.io event maps ------------------------------------------------------------------------

export interface ClientToServerEvents {
  health: (input: HealthInput, ack: (result: Ack<HealthResult>) => void) => void;
}

// biome-ignore lint/complexity/noBannedTypes: no server-initiated events yet
export type ServerToClientEvents = {};
