import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const nextConfig: NextConfig = {
  // mlp-core ships TypeScript source; Next compiles it with the app.
  transpilePackages: ['@backprop/mlp-core'],
  // The monorepo root, so Turbopack resolves workspace packages without guessing.
  turbopack: { root: repoRoot },
  poweredByHeader: false,
};

export default nextConfig;
