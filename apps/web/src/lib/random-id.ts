/** A client-made id (answers, homework attempts): the server counts the same id once, so a retry is safe. */
export function randomId(): string {
  // getRandomValues, not randomUUID: phones reach the app over plain http on the LAN, where
  // randomUUID (secure contexts only) is missing.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
