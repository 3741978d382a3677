/**
 * Where to go after signing in: only a page of this site, since an open redirect would send the
 * fresh session's browser to another site. The path is read as the browser reads it: "//host",
 * "/\host" (a backslash is a slash to it) and "/<tab>/host" (tabs and newlines are dropped) are
 * other sites, so they go to the dashboard.
 */
const HERE = 'http://this.site';

export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/')) return '/dashboard';
  try {
    const url = new URL(next, HERE);
    if (url.origin === HERE) return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    // Not a URL at all.
  }
  return '/dashboard';
}
