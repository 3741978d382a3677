// The health check's store port: the Heartbeat rows. A Prisma implementation and its in-memory
// twin (unit tests).
import type { HealthResult } from '@backprop/contract';
import type { Db } from '@backprop/db';

export interface HeartbeatStore {
  /** Which database answers. */
  readonly provider: HealthResult['db'];
  write(source: string): Promise<void>;
  count(): Promise<number>;
}

export function createPrismaHeartbeatStore(db: Db): HeartbeatStore {
  return {
    provider: db.provider,
    async write(source) {
      await db.client.heartbeat.create({ data: { source } });
    },
    count: () => db.client.heartbeat.count(),
  };
}

export function createMemoryHeartbeatStore(): HeartbeatStore {
  const sources: string[] = [];
  return {
    provider: 'sqlite',
    async write(source) {
      sources.push(source);
    },
    async count() {
      return sources.length;
    },
  };
}
