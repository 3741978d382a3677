import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const nextConfig: NextConfig = {
  // The workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ['@backprop/mlp-core', '@backprop/contract'],
  // The monorepo root, so Turbopack resolves workspace packages without guessing.
  turbopack: { root: repoRoot },
  poweredByHeader: false,
};

export default nextConfig;
