// The install's own secrets (the session cookies' signing key): made once and kept in the
// database, so every process of the install and every restart share them. A Prisma
// implementation and its in-memory twin (unit tests).
import type { Db } from '@backprop/db';
import { newSecret } from '../services/secrets';

export interface SecretStore {
  /**
   * The secret called `name`, made from crypto randomness the first time it is asked for. The
   * first writer wins: a concurrent one (another process booting) gets what it wrote.
   */
  installSecret(name: string): Promise<string>;
}

export function createPrismaSecretStore(db: Db): SecretStore {
  return {
    async installSecret(name) {
      const existing = await db.client.serverSecret.findUnique({ where: { name } });
      if (existing) return existing.value;
      try {
        await db.client.serverSecret.create({ data: { name, value: newSecret() } });
      } catch {
        // Another process made it first (unique name); read theirs below.
      }
      const made = await db.client.serverSecret.findUnique({ where: { name } });
      if (!made) throw new Error(`the install secret ${name} could not be stored`);
      return made.value;
    },
  };
}

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    async installSecret(name) {
      let value = secrets.get(name);
      if (value === undefined) {
        value = newSecret();
        secrets.set(name, value);
      }
      return value;
    },
  };
}
