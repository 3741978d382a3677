import type { AppContext } from '../context';
import { type HealthResult, PROTOCOL_VERSION } from '../contract';

/**
 * Reads the Heartbeat count (the database answers); with `write`, writes a row first (it also
 * accepts writes). Anonymous callers only read: a health check must not be a way to fill the disk.
 */
export async function checkHealth(
  { db }: AppContext,
  source: string,
  { write }: { write: boolean },
): Promise<HealthResult> {
  if (write) await db.client.heartbeat.create({ data: { source } });
  const heartbeats = await db.client.heartbeat.count();
  return { ok: true, db: db.provider, heartbeats, protocolVersion: PROTOCOL_VERSION };
}
