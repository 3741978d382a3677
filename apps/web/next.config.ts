import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The game server, as this Next server reaches it (not the browser: it only sees this origin). */
const serverUrl = (process.env.SERVER_URL || 'http://127.0.0.1:3001').replace(/\/+$/, '');

const nextConfig: NextConfig = {
  // The workspace packages ship TypeScript source; Next compiles them with the app. The lesson
  // engine runs in the browser on /practice.
  transpilePackages: ['@backprop/mlp-core', '@backprop/contract', '@backprop/lesson'],
  // The monorepo root, so Turbopack resolves workspace packages without guessing.
  turbopack: { root: repoRoot },
  poweredByHeader: false,
  // Accounts, homework and reports go through this origin, so the session cookie is first-party
  // and never needs CORS; the live pages keep talking to the game server directly.
  async rewrites() {
    return [
      { source: '/api/trpc/:path*', destination: `${serverUrl}/trpc/:path*` },
      { source: '/api/:path*', destination: `${serverUrl}/api/:path*` },
    ];
  },
};

export default nextConfig;
