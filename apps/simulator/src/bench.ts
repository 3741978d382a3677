// pnpm bench:live [--students 500,2000] [--seed S] [--questions K] [--think-ms MIN-MAX]
// Not a test: starts one server process (apps/server src/main.ts) on a fresh SQLite file and a
// free loopback port, runs the classroom simulator against it at each class size, one lesson
// after the other, and prints the figures against the targets (2,000 students, reveal fan-out
// p99 <= 250 ms, answer acknowledgement p99 <= 250 ms, nothing lost, server RSS <= 450 MB).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openFileLimit } from './proc';
import { type SimulationSummary, simulate } from './simulate';
import { freePort, SERVER_NODE_ARGS } from './stack';

const TARGETS = { fanOutP99Ms: 250, answerAckP99Ms: 250, serverRssMb: 450 };

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '500,2000' },
    seed: { type: 'string', default: '1' },
    questions: { type: 'string', default: '4' },
    'think-ms': { type: 'string', default: '1000-8000' },
    late: { type: 'string', default: '0.1' },
    drop: { type: 'string', default: '0.05' },
    json: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');
const sizes = (values.students ?? '').split(',').map(Number);
if (!sizes.every((n) => Number.isInteger(n) && n > 0 && n <= 5000)) {
  console.error('--students is a comma-separated list of class sizes up to 5000');
  process.exit(2);
}
const [thinkMin, thinkMax] = (values['think-ms'] ?? '').split('-').map(Number);

function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  // The server as `npm start` runs it: the built bundle, with its start script's environment.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: serverDir, stdio: 'inherit' });
  // BENCH_SERVER_NODE_ARGS adds node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, ...SERVER_NODE_ARGS, 'dist/main.js'], {
    cwd: serverDir,
    env: {
      ...process.env,
      MALLOC_ARENA_MAX: '2',
      DATABASE_URL: databaseUrl,
      SERVER_PORT: String(port),
      NODE_ENV: 'production',
      // A throwaway secret for a throwaway database (else the server makes and stores one).
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      // Every simulated student comes from 127.0.0.1: one address's budgets (SECURITY.md) are
      // sized for a school behind one NAT, not for 2,000 handshakes in a few seconds.
      RATE_LIMIT_SCALE: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on port')) {
        clearTimeout(timer);
        // Keep reading (and echo errors) so a full pipe never blocks the server.
        child.stdout?.off('data', read);
        child.stderr?.off('data', read);
        child.stdout?.resume();
        child.stderr?.on('data', (c: Buffer) => process.stderr.write(`[server] ${c}`));
        resolve(child);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
}

const stopped = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });

const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');

function report(s: SimulationSummary): string[] {
  const fan = s.revealFanOutMs;
  const ack = s.answerAckMs;
  const rss = s.server?.peakRssMb ?? Number.NaN;
  return [
    `${s.students.requested} students (lesson ${s.code}, ${s.questions} questions, ${(s.durationMs / 1000).toFixed(1)} s)`,
    `  joined ${s.students.joined} (${s.students.late} late), dropped and rejoined ${s.students.rejoined}/${s.students.dropped}`,
    `  answers sent ${s.answers.sent}, acknowledged ${s.answers.acknowledged}, refused ${s.answers.refused}, counted ${s.answers.counted}, stored ${s.answers.stored}`,
    `  ${mark(s.answers.lost === 0)} lost answers ${s.answers.lost} (target 0)`,
    `  ${mark((fan.p99 ?? Infinity) <= TARGETS.fanOutP99Ms)} reveal fan-out ms p50 ${fan.p50} p95 ${fan.p95} p99 ${fan.p99} max ${fan.max} (target p99 <= ${TARGETS.fanOutP99Ms}); reached ${s.reveals.received}/${s.reveals.expected}`,
    `       from the reveal's ack: p50 ${s.revealFanOutFromAckMs.p50} p99 ${s.revealFanOutFromAckMs.p99}; reveal ack p50 ${s.revealAckMs.p50} max ${s.revealAckMs.max}`,
    `  ${mark((ack.p99 ?? Infinity) <= TARGETS.answerAckP99Ms)} answer ack ms p50 ${ack.p50} p99 ${ack.p99} max ${ack.max} (target p99 <= ${TARGETS.answerAckP99Ms})`,
    `  ${mark(rss <= TARGETS.serverRssMb)} server peak RSS ${rss} MB (target <= ${TARGETS.serverRssMb}); CPU ${s.server?.cpuSeconds} s, avg ${s.server?.avgCpuPercent}%, peak ${s.server?.peakCpuPercent}%`,
    `  simulator peak RSS ${s.simulator.peakRssMb} MB, CPU ${s.simulator.cpuSeconds} s; errors ${JSON.stringify(s.errors)}; leaks ${s.leaks}`,
  ];
}

const needFiles = 2 * Math.max(...sizes) + 200;
if (openFileLimit() < needFiles) {
  console.error(
    `warning: open-file limit ${openFileLimit()} < ${needFiles}; raise it (ulimit -n ${needFiles * 2})`,
  );
}

const dir = await mkdtemp(path.join(tmpdir(), 'backprop-bench-'));
const databaseUrl = `file:${path.join(dir, 'bench.db')}`;
const port = await freePort();
const server = await startServer(databaseUrl, port);
const url = `http://127.0.0.1:${port}`;
console.error(`server pid ${server.pid} on ${url}, database ${databaseUrl}`);
const summaries: SimulationSummary[] = [];
let failed = false;
try {
  for (const students of sizes) {
    const summary = await simulate({
      url,
      students,
      late: Number(values.late),
      drop: Number(values.drop),
      seed: Number(values.seed),
      questions: Number(values.questions),
      thinkMs: [thinkMin ?? 1000, thinkMax ?? 8000],
      databaseUrl,
      ...(server.pid && { serverPid: server.pid }),
      stepTimeoutMs: 90_000,
      log: (line) => console.error(`  [${students}] ${line}`),
    });
    summaries.push(summary);
    const fan = summary.revealFanOutMs.p99 ?? Infinity;
    const ack = summary.answerAckMs.p99 ?? Infinity;
    failed ||=
      summary.answers.lost > 0 ||
      summary.reveals.missed > 0 ||
      fan > TARGETS.fanOutP99Ms ||
      ack > TARGETS.answerAckP99Ms ||
      (summary.server?.peakRssMb ?? 0) > TARGETS.serverRssMb;
  }
} finally {
  await stopped(server, 'SIGTERM');
  await rm(dir, { recursive: true, force: true });
}

if (values.json) console.log(JSON.stringify(summaries, null, 2));
console.log(
  `\nbench:live on ${process.platform}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores, SQLite, simulator in the same machine`,
);
for (const s of summaries) console.log(report(s).join('\n'));
console.log(failed ? '\nSome targets were missed.' : '\nEvery target met.');
