#!/usr/bin/env node
/**
 * First-load JavaScript per route, gzipped, read from the Next build output (run after
 * `next build`). Fails when the student page is over its budget.
 *
 * How Next 16 (Turbopack) records what a route's HTML loads, checked against the <script> tags
 * of the served pages:
 * - `.next/server/app/<route>/build-manifest.json` (else `.next/build-manifest.json`):
 *   `rootMainFiles`, the framework and runtime chunks every app route loads; `polyfillFiles` are
 *   `nomodule` scripts that modern browsers skip, so they are not counted.
 * - `.next/server/app/<route>/page_client-reference-manifest.js`: `entryJSFiles`, the chunks of
 *   the route's layouts and page (its client components), keyed by entry.
 * Chunks loaded later with `import()` (next/dynamic, KaTeX through LiveTex) are in neither list:
 * they are not first load. They are listed too ("then"): Turbopack's loaders name them as
 * `static/chunks/<name>.js` strings inside the chunks that import them, followed transitively.
 *
 * Usage: node scripts/page-weight.mjs [--json]   (from apps/web, or `pnpm web:weight` at the root)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const next = join(web, '.next');
/** Budgets in kB (1 kB = 1000 bytes) of gzipped first-load JavaScript. */
const BUDGETS = { '/play/[code]': 150, '/homework/[id]': 150 };

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

if (!existsSync(join(next, 'app-path-routes-manifest.json'))) {
  console.error('No Next build output in apps/web/.next: run `next build` first.');
  process.exit(2);
}

/** The client reference manifest is a script that assigns into globalThis.__RSC_MANIFEST. */
function clientManifest(entry) {
  const path = join(next, 'server/app', `${entry}_client-reference-manifest.js`);
  if (!existsSync(path)) return null;
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(path, 'utf8'), sandbox);
  return sandbox.__RSC_MANIFEST?.[entry] ?? null;
}

function buildManifest(entry) {
  const own = join(next, 'server/app', entry, 'build-manifest.json');
  return readJson(existsSync(own) ? own : join(next, 'build-manifest.json'));
}

const gzipCache = new Map();
function gzipped(file) {
  if (!gzipCache.has(file)) {
    const bytes = readFileSync(join(next, file));
    gzipCache.set(file, { raw: bytes.length, gzip: gzipSync(bytes).length });
  }
  return gzipCache.get(file);
}

const CHUNK_REF = /static\/chunks\/[\w.-]+\.js/g;

/** Chunks reachable by dynamic import from `files`, not counting `files` themselves. */
function lazyChunks(files) {
  const seen = new Set(files);
  const lazy = [];
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const ref of readFileSync(join(next, file), 'utf8').match(CHUNK_REF) ?? []) {
      if (seen.has(ref) || !existsSync(join(next, ref))) continue;
      seen.add(ref);
      lazy.push(ref);
      queue.push(ref);
    }
  }
  return lazy;
}

/** A hint of what a lazy chunk holds, for the report. */
function whatIsIn(file) {
  const text = readFileSync(join(next, file), 'utf8');
  if (text.includes('katex')) return 'KaTeX';
  if (text.includes('engine.io') || text.includes('websocket')) return 'socket.io client';
  if (text.length < 1000) return 'loader';
  return '';
}

const routes = readJson(join(next, 'app-path-routes-manifest.json'));
const rows = [];
for (const [entry, route] of Object.entries(routes)) {
  if (!entry.endsWith('/page') || route.startsWith('/_')) continue; // route handlers, built-ins
  const manifest = clientManifest(entry);
  if (!manifest) continue;
  const build = buildManifest(entry);
  const polyfills = new Set(build.polyfillFiles ?? []);
  const files = new Set(build.rootMainFiles ?? []);
  for (const chunks of Object.values(manifest.entryJSFiles ?? {})) {
    for (const file of chunks) files.add(file);
  }
  const counted = [...files].filter((f) => f.endsWith('.js') && !polyfills.has(f));
  const shared = new Set(build.rootMainFiles ?? []);
  let raw = 0;
  let gzip = 0;
  let own = 0;
  for (const file of counted) {
    const size = gzipped(file);
    raw += size.raw;
    gzip += size.gzip;
    if (!shared.has(file)) own += size.gzip;
  }
  const later = lazyChunks(counted).map((file) => ({
    file,
    gzip: gzipped(file).gzip,
    what: whatIsIn(file),
  }));
  rows.push({ route, files: counted, raw, gzip, own, later, budget: BUDGETS[route] ?? null });
}
rows.sort((a, b) => a.route.localeCompare(b.route));

const kB = (bytes) => (bytes / 1000).toFixed(1);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log('First-load JavaScript per route (gzip, 1 kB = 1000 bytes; polyfills excluded)\n');
  console.log(
    `${'route'.padEnd(24)}${'gzip'.padStart(10)}${'route-only'.padStart(12)}${'raw'.padStart(10)}  budget`,
  );
  for (const r of rows) {
    const budget =
      r.budget === null ? '' : `${r.gzip / 1000 <= r.budget ? 'ok' : 'OVER'} (≤ ${r.budget} kB)`;
    console.log(
      `${r.route.padEnd(24)}${`${kB(r.gzip)} kB`.padStart(10)}${`${kB(r.own)} kB`.padStart(12)}${`${kB(r.raw)} kB`.padStart(10)}  ${budget}`,
    );
    for (const l of r.later) {
      console.log(
        `${''.padEnd(4)}then, on import(): ${l.file.padEnd(34)}${`${kB(l.gzip)} kB`.padStart(10)}  ${l.what}`,
      );
    }
  }
  console.log(
    '\ngzip: all first-load chunks; route-only: minus the framework chunks every route loads;' +
      '\n"then": chunks fetched afterwards by dynamic import (not first load).',
  );
}

let failed = false;
for (const [route, budget] of Object.entries(BUDGETS)) {
  const row = rows.find((r) => r.route === route);
  if (!row) {
    console.error(`\n${route}: not in the build output`);
    failed = true;
  } else if (row.gzip / 1000 > budget) {
    console.error(
      `\n${route}: ${kB(row.gzip)} kB gzipped first-load JavaScript, over ${budget} kB`,
    );
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
