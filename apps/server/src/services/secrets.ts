import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET } from '@backprop/contract';

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
