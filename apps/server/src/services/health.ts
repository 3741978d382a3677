import type { AppContext } from '../context';
import { type HealthResult, PROTOCOL_VERSION } from '../contract';

/** Writes a Heartbeat row and reads the count back: proves the database answers both ways. */
export async function checkHealth({ db }: AppContext, source: string): Promise<HealthResult> {
  await db.client.heartbeat.create({ data: { source } });
  const heartbeats = await db.client.heartbeat.count();
  return { ok: true, db: db.provider, heartbeats, protocolVersion: PROTOCOL_VERSION };
}
