// Several game-server processes as an operator runs them (README, "Running several servers"):
// the built bundle (apps/server dist/main.js) on one fresh PostgreSQL database and one Redis
// (its own key prefix), behind a real nginx that passes WebSocket upgrades. Used by
// `pnpm bench:cluster` and the Playwright cluster run; each process can be killed and started
// again on its port, as a crash and a restart would.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');

/**
 * As apps/server's `start` script runs the bundle: V8's old generation limited (SERVER_HEAP_MB,
 * default 512), else the heap grows to twice what is live (600 MB RSS per process at 5,000
 * students over three processes); a young generation of 32 MB semi-spaces (16 by default), so
 * the views and answers of a burst die young instead of being copied and promoted (two
 * `bench:cluster` runs: answer ack p50 62-95 ms instead of 127-174, for 25-50 MB more RSS).
 */
export const SERVER_NODE_ARGS = [
  `--max-old-space-size=${process.env.SERVER_HEAP_MB ?? 512}`,
  '--max-semi-space-size=32',
  '--enable-source-maps',
];

export interface StackOptions {
  /** How many server processes; default 3. */
  servers?: number;
  /** nginx's port (the address clients use); default a free one. */
  port?: number;
  /** default redis://127.0.0.1:6379 (REDIS_URL) */
  redisUrl?: string;
  /** More environment for every server process (e.g. RATE_LIMIT_SCALE). */
  env?: Record<string, string>;
  /** Build dist/main.js first (the bench does; the e2e run builds everything before). */
  build?: boolean;
  /** Server output lines, prefixed with the process's index. */
  log?: (line: string) => void;
}

export interface StackProcess {
  readonly index: number;
  readonly port: number;
  /** The running child, null while it is down. */
  child: ChildProcess | null;
}

export interface Stack {
  /** nginx: where clients connect. */
  readonly url: string;
  readonly databaseUrl: string;
  readonly processes: readonly StackProcess[];
  /** SIGKILL (a crash) or SIGTERM (a clean stop); resolves once the process is gone. */
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again on its port; resolves once it listens. */
  start(index: number): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Debian's nginx, where `ensure_nginx` (scripts/lib.sh) installs it. */
export function nginxPath(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'nginx is not installed: run `bash -c "source scripts/lib.sh && ensure_nginx"` (Debian: apt-get install nginx)',
  );
}

/**
 * The load balancer. Clients that send a `route` query parameter (the web app: one random key
 * per tab) are hashed on it, so every request of a long-polling session reaches the process that
 * holds it; clients without one (WebSocket only, like the simulator) are spread per connection.
 * A process that refuses connections is skipped at once (proxy_next_upstream) and rested for 2 s.
 */
export function nginxConfig(dir: string, port: number, upstreams: readonly number[]): string {
  const servers = upstreams
    .map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`)
    .join('\n');
  return `# Written by apps/simulator/src/stack.ts for one run.
daemon off;
worker_processes 1;
worker_rlimit_nofile 65000;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log error;
events { worker_connections 30000; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  map $arg_route $backprop_route {
    ''      $remote_addr$remote_port;
    default $arg_route;
  }
  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
  }
  upstream backprop_game {
    hash $backprop_route consistent;
${servers}
  }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    location / {
      proxy_pass http://backprop_game;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_buffering off;
    }
  }
}
`;
}

function waitForOutput(child: ChildProcess, text: string, what: string): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes(text)) return;
      clearTimeout(timer);
      child.stdout?.off('data', read);
      child.stderr?.off('data', read);
      child.off('exit', exited);
      resolve();
    };
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}):\n${output}`));
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', exited);
  });
}

const gone = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

async function waitForNginx(port: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx on :${port} does not reach a server`);
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const count = options.servers ?? 3;
  const log = options.log ?? (() => undefined);
  if (options.build) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: serverDir, stdio: 'inherit' });
  }
  const nginx = nginxPath();
  const dir = await mkdtemp(path.join(tmpdir(), 'backprop-stack-'));
  await mkdir(path.join(dir, 'body'));
  await mkdir(path.join(dir, 'proxy'));
  let database: TestDatabase | null = await createTestDatabase('postgresql');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    MALLOC_ARENA_MAX: '2',

    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Its own keys and channels: runs never hear each other.
    REDIS_PREFIX: `stack-${randomBytes(6).toString('hex')}`,
    // Every process signs and reads the same cookies.
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    // nginx on this machine forwards the client's address.
    TRUST_PROXY: 'loopback',
    ...options.env,
  };
  const processes: StackProcess[] = [];
  for (let index = 0; index < count; index += 1) {
    processes.push({ index, port: await freePort(), child: null });
  }

  const start = async (index: number): Promise<void> => {
    const proc = processes[index];
    if (!proc) throw new Error(`no process ${index}`);
    if (proc.child) return;
    // BENCH_SERVER_NODE_ARGS adds node flags to the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
    const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...extra, ...SERVER_NODE_ARGS, 'dist/main.js'], {
      cwd: serverDir,
      env: { ...env, SERVER_PORT: String(proc.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.child = child;
    child.once('exit', () => {
      if (proc.child === child) proc.child = null;
    });
    await waitForOutput(child, 'listening on port', `server ${index}`);
    // Keep reading, so a full pipe never blocks the server; errors are worth seeing.
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) log(`[${index}] ${line}`);
    });
  };
  const kill = async (index: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const child = processes[index]?.child;
    if (child) await gone(child, signal);
  };

  const port = options.port ?? (await freePort());
  const conf = path.join(dir, 'nginx.conf');
  let balancer: ChildProcess | null = null;
  const stop = async (): Promise<void> => {
    // Fast shutdown: a graceful one (SIGQUIT) waits for every open WebSocket to close.
    if (balancer) await gone(balancer, 'SIGTERM');
    balancer = null;
    await Promise.all(processes.map((p) => kill(p.index, 'SIGTERM')));
    await database?.drop().catch(() => undefined);
    database = null;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // The first process applies the migrations; the others then find nothing to apply.
    await start(0);
    await Promise.all(processes.slice(1).map((p) => start(p.index)));
    await writeFile(
      conf,
      nginxConfig(
        dir,
        port,
        processes.map((p) => p.port),
      ),
    );
    balancer = spawn(nginx, ['-c', conf, '-p', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const failed = new Promise<never>((_, reject) =>
      balancer?.once('exit', async (code) => {
        const errors = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
        reject(new Error(`nginx exited (${code}): ${errors}`));
      }),
    );
    failed.catch(() => undefined);
    await Promise.race([waitForNginx(port), failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    databaseUrl: database.url,
    processes,
    kill,
    start,
    stop,
  };
}
