// The security audit's browser-side defects (issue 14), in Chromium: a page on another origin of
// the same machine (another port, as an attacker's page on the school network would be) must not
// read an instructor's session, nor frame the app's pages.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { serverUrl } from './support/paths.ts';

let attacker: Server;
let attackerOrigin: string;
let attackerPage = '';

test.beforeAll(async () => {
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage);
  });
  await new Promise<void>((resolve) => attacker.listen(0, 'localhost', resolve));
  attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

test('[14.2] a page on another port cannot read the signed-in instructor session', async ({
  page,
  baseURL,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one browser is enough');
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Grace');
  await page.getByLabel('Email').fill(`grace-${Date.now()}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByTestId('auth-submit').click();
  await expect(page).toHaveURL(/\/dashboard$/);

  attackerPage = '<!doctype html><title>elsewhere</title><p>elsewhere</p>';
  await page.goto(attackerOrigin);
  // Cookies are per host, not per port: the browser does send the instructor's cookie here.
  const stolen = await page.evaluate(async (server) => {
    try {
      const res = await fetch(`${server}/api/auth/get-session`, { credentials: 'include' });
      return { read: true, body: await res.text() };
    } catch (error) {
      return { read: false, body: String(error) };
    }
  }, serverUrl);
  expect(stolen.read, `the foreign page read: ${stolen.body}`).toBe(false);

  // Through the web app's own origin (its /api proxy) the same session is readable: it is the app.
  await page.goto(`${baseURL}/dashboard`);
  const own = await page.evaluate(async () => (await fetch('/api/auth/get-session')).json());
  expect(own?.user?.name).toBe('Grace');
});

test('[14.8] pages of the app cannot be framed by another origin', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one browser is enough');
  for (const path of ['/teach', '/dashboard', '/']) {
    const response = await page.request.get(path);
    expect(response.headers()['x-frame-options']).toBe('DENY');
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['referrer-policy']).toBe('no-referrer');
  }
  const { baseURL } = testInfo.project.use;
  attackerPage = `<!doctype html><title>framer</title><iframe id="f" src="${baseURL}/teach" width="800" height="600"></iframe>`;
  await page.goto(attackerOrigin);
  await page.waitForTimeout(1_000);
  const framed = page.frames().find((frame) => frame !== page.mainFrame());
  // Chromium replaces a refused frame with its error page; the app's content never renders.
  expect(framed?.url() ?? '').not.toContain('/teach');
  expect(await page.frameLocator('#f').getByRole('heading').count()).toBe(0);
});
