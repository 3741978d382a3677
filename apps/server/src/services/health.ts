import { type HealthResult, PROTOCOL_VERSION } from '@backprop/contract';
import type { AppContext } from '../context';

/**
 * Reads the Heartbeat count (the database answers); with `write`, writes a row first (it also
 * accepts writes). Anonymous callers only read: a health check must not be a way to fill the disk.
 */
export async function checkHealth(
  { heartbeats }: AppContext,
  source: string,
  { write }: { write: boolean },
): Promise<HealthResult> {
  if (write) await heartbeats.write(source);
  const count = await heartbeats.count();
  return {
    ok: true,
    db: heartbeats.provider,
    heartbeats: count,
    protocolVersion: PROTOCOL_VERSION,
  };
}
