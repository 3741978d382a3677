/**
 * better-auth's React client, for the instructor pages only (the student pages stay without it).
 * Its base URL is this origin: /api/auth is proxied to the game server, so the session cookie is
 * first-party.
 */
import { createAuthClient } from 'better-auth/react';

type AuthClient = ReturnType<typeof createAuthClient>;
let client: AuthClient | null = null;

/** Made on first use in the browser, where the origin is known. */
export function authClient(): AuthClient {
  client ??= createAuthClient({ baseURL: window.location.origin });
  return client;
}
