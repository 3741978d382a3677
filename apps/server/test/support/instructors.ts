// An instructor's browser, as far as the server can tell: a cookie jar, an Origin header, and a
// tRPC client that sends both. Sign-up and sign-in go through better-auth's HTTP endpoints.
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../src/trpc/router';

export interface InstructorBrowser {
  email: string;
  password: string;
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** The cookies the server set (name -> value), with their attributes as sent. */
  cookies: Map<string, { value: string; attributes: string }>;
  /** A request with the jar's cookies and the browser's Origin. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  signIn(password?: string): Promise<Response>;
  signOut(): Promise<Response>;
  /** Another server at another address (after a restart): same jar. */
  at(url: string): InstructorBrowser;
}

let counter = 0;

export function instructorBrowser(
  serverUrl: string,
  who: { name: string; email?: string; password?: string },
  origin = serverUrl,
  jar: InstructorBrowser['cookies'] = new Map(),
): InstructorBrowser {
  counter += 1;
  const email = who.email ?? `${who.name.toLowerCase()}-${counter}@school.example`;
  const password = who.password ?? `correct horse ${who.name} ${counter}`;
  const cookieHeader = () => [...jar].map(([name, c]) => `${name}=${c.value}`).join('; ');
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // An expired or emptied cookie is the server deleting it (sign out).
      if (!value || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, { value, attributes: attributes.join(';') });
    }
    return res;
  };
  const browserFetch = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('origin', origin);
    if (jar.size) headers.set('cookie', cookieHeader());
    return remember(await fetch(`${serverUrl}${path}`, { ...init, headers }));
  };
  const post = (path: string, body: unknown) =>
    browserFetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const self: InstructorBrowser = {
    email,
    password,
    cookies: jar,
    trpc: createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${serverUrl}/trpc`,
          headers: () => ({ origin, ...(jar.size && { cookie: cookieHeader() }) }),
        }),
      ],
    }),
    fetch: browserFetch,
    signIn: (pw = password) => post('/api/auth/sign-in/email', { email, password: pw }),
    signOut: () => post('/api/auth/sign-out', {}),
    at: (url) => instructorBrowser(url, { ...who, email, password }, url, jar),
  };
  return self;
}

/** A new account, signed in (sign-up makes no session: the browser signs in next, as the web app does). */
export async function signUp(
  serverUrl: string,
  name: string,
  origin?: string,
): Promise<InstructorBrowser> {
  const browser = instructorBrowser(serverUrl, { name }, origin);
  const res = await browser.fetch('/api/auth/sign-up/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email: browser.email, password: browser.password }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const signedIn = await browser.signIn();
  if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
  return browser;
}

/** The contract's error code of a refused tRPC call (fails the test when it succeeds). */
export async function appCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return (error.data as { appCode?: string } | undefined)?.appCode ?? 'NO_APP_CODE';
    }
    throw error;
  }
  throw new Error('expected a refusal, the call succeeded');
}
