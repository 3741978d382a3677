import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The game server, as this Next server reaches it (not the browser: it only sees this origin). */
const serverUrl = (process.env.SERVER_URL || 'http://127.0.0.1:3001').replace(/\/+$/, '');

/**
 * Every page: never framed (clickjacking of the console's controls), no MIME sniffing, no full
 * URL (join codes, co-host tokens) in the Referer sent elsewhere. The CSP keeps Next's inline
 * bootstrap scripts and KaTeX's inline styles working; `connect-src` allows the game server on
 * its own port (http/ws), which 'self' would not.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'production' ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' http: https: ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
];

const nextConfig: NextConfig = {
  // The workspace packages ship TypeScript source; Next compiles them with the app. The lesson
  // engine runs in the browser on /practice.
  transpilePackages: ['@backprop/mlp-core', '@backprop/contract', '@backprop/lesson'],
  // The monorepo root, so Turbopack resolves workspace packages without guessing.
  turbopack: { root: repoRoot },
  poweredByHeader: false,
  // Accounts, homework and reports go through this origin, so the session cookie is first-party
  // and never needs CORS; the live pages keep talking to the game server directly.
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
  async rewrites() {
    return [
      { source: '/api/trpc/:path*', destination: `${serverUrl}/trpc/:path*` },
      { source: '/api/:path*', destination: `${serverUrl}/api/:path*` },
    ];
  },
};

export default nextConfig;
