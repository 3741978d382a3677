/** The game server's base URL: configured at build time, else the page's host on port 3001. */
export function serverUrl(): string {
  const configured = process.env.NEXT_PUBLIC_SERVER_URL;
  const base = configured || `${window.location.protocol}//${window.location.hostname}:3001`;
  return base.replace(/\/+$/, '');
}
