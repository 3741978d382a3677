import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET } from '@backprop/contract';
import type { Db } from '@backprop/db';

/** 32 random bytes, base64url: instructor secrets, co-host and player tokens. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** How secrets are stored: sha256, base64url. */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('base64url');

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 6 characters of the contract's unambiguous alphabet, from crypto randomness. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/**
 * The install's own secret called `name`: made once from crypto randomness and kept in the
 * database, so every process of the install and every restart share it. The first writer wins;
 * a concurrent one reads what it wrote.
 */
export async function installSecret(db: Db, name: string): Promise<string> {
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
}
