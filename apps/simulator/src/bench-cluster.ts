// pnpm bench:cluster [--students 5000] [--servers 3] [--questions 4] [--kill-question 1]
//                    [--kill-after-ms 3000] [--restart-after-ms 10000] [--seed S] [--json]
// Not a test: several server processes (the built bundle) on one PostgreSQL database and one
// Redis behind a real nginx (stack.ts), the classroom simulator on the same machine with
// socket.io's own reconnection, one lesson of `--students`. While question `--kill-question` is
// open, one process is SIGKILLed (its students reconnect through nginx to the others) and
// started again later. Prints the figures against the targets: reveal fan-out p99 <= 500 ms,
// answer acknowledgement p99 <= 250 ms, no acknowledged answer lost (stored = counted), every
// process's RSS <= 500 MB, every student of the killed process back within 5 s.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { listenOverflows, openFileLimit, ProcessSampler } from './proc';
import { type SimulationSummary, simulate } from './simulate';
import { startStack } from './stack';

const TARGETS = { fanOutP99Ms: 500, answerAckP99Ms: 250, serverRssMb: 500, backWithinMs: 5000 };

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '5000' },
    servers: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    questions: { type: 'string', default: '4' },
    'think-ms': { type: 'string', default: '1000-8000' },
    late: { type: 'string', default: '0.1' },
    drop: { type: 'string', default: '0.05' },
    'kill-question': { type: 'string', default: '1' },
    'kill-after-ms': { type: 'string', default: '3000' },
    'restart-after-ms': { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const students = Number(values.students);
const servers = Number(values.servers);
const killQuestion = Number(values['kill-question']);
const killAfterMs = Number(values['kill-after-ms']);
const restartAfterMs = Number(values['restart-after-ms']);
const [thinkMin, thinkMax] = (values['think-ms'] ?? '').split('-').map(Number);
if (!Number.isInteger(students) || students < 1 || students > 10_000) {
  console.error('--students is a class size up to 10000');
  process.exit(2);
}
if (!Number.isInteger(servers) || servers < 2) {
  console.error('--servers is at least 2 (one is killed)');
  process.exit(2);
}

if (openFileLimit() < 2 * students + 500) {
  console.error(
    `warning: open-file limit ${openFileLimit()}; raise it (ulimit -n ${4 * students})`,
  );
}

const stack = await startStack({
  servers,
  build: true,
  // Every simulated student comes from 127.0.0.1 (SECURITY.md: budgets are per address).
  env: { RATE_LIMIT_SCALE: '100' },
  log: (line) => console.error(`  [server ${line}`),
});
console.error(
  `nginx on ${stack.url}; ${servers} processes on ${stack.databaseUrl.replace(/\/\/.*@/, '//')}`,
);

/** Peak RSS per process, over every life it had (a restarted process is sampled again). */
const peaks: number[] = stack.processes.map(() => 0);
/** CPU seconds per process (a restarted one's two lives added): what the load cost, less noisy than latencies. */
const cpu: number[] = stack.processes.map(() => 0);
let samplers = stack.processes.map((p) => (p.child?.pid ? new ProcessSampler(p.child.pid) : null));
const harvest = (index: number) => {
  const figures = samplers[index]?.stop();
  if (figures) peaks[index] = Math.max(peaks[index] ?? 0, figures.peakRssMb);
  if (figures) cpu[index] = (cpu[index] ?? 0) + figures.cpuSeconds;
  samplers = samplers.map((s, i) => (i === index ? null : s));
};

/** A process's V8 heap in use and external memory, in MB, from its /metrics (prom-client). */
async function heapOf(port: number): Promise<string> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  const mb = (name: string) => {
    const value = new RegExp(`^backprop_${name} (\\S+)$`, 'm').exec(text)?.[1];
    return value === undefined ? '?' : (Number(value) / 1048576).toFixed(0);
  };
  return `${mb('nodejs_heap_size_used_bytes')}/${mb('nodejs_heap_size_total_bytes')}+${mb('nodejs_external_memory_bytes')}`;
}
let heaps: string[] = [];

const victim = servers - 1;
let killedAt: number | null = null;
let restartedAt: number | null = null;
let chaos: Promise<void> = Promise.resolve();
let summary: SimulationSummary | undefined;
const overflowsBefore = listenOverflows();
let overflows: number | null = null;
try {
  summary = await simulate({
    url: stack.url,
    students,
    late: Number(values.late),
    drop: Number(values.drop),
    seed: Number(values.seed),
    questions: Number(values.questions),
    thinkMs: [thinkMin ?? 1000, thinkMax ?? 8000],
    databaseUrl: stack.databaseUrl,
    reconnection: true,
    stepTimeoutMs: 90_000,
    onQuestionOpen: (index) => {
      if (index !== killQuestion) return;
      chaos = (async () => {
        await new Promise((r) => setTimeout(r, killAfterMs));
        harvest(victim);
        killedAt = performance.now();
        await stack.kill(victim, 'SIGKILL');
        console.error(`  process ${victim} SIGKILLed mid-question`);
        await new Promise((r) => setTimeout(r, restartAfterMs));
        await stack.start(victim);
        restartedAt = performance.now();
        const pid = stack.processes[victim]?.child?.pid;
        samplers[victim] = pid ? new ProcessSampler(pid) : null;
        console.error(`  process ${victim} started again`);
      })();
    },
    log: (line) => console.error(`  ${line}`),
  });
  await chaos;
  const after = listenOverflows();
  if (after !== null && overflowsBefore !== null) overflows = after - overflowsBefore;
} finally {
  for (let i = 0; i < servers; i += 1) harvest(i);
  heaps = await Promise.all(stack.processes.map((p) => heapOf(p.port)));
  await stack.stop();
}

const s = summary;
const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
const fan = s.revealFanOutMs;
const ack = s.answerAckMs;
const back = s.outages.backMs;
const rssOk = peaks.every((mb) => mb <= TARGETS.serverRssMb);
const backOk =
  s.outages.stillDown === 0 && (back.max ?? 0) <= TARGETS.backWithinMs && killedAt !== null;
const lines = [
  `bench:cluster on ${process.platform}, Node ${process.version}, ${os.cpus().length} cores: ${servers} processes on PostgreSQL + Redis behind nginx, the simulator on the same machine`,
  `${s.students.requested} students (lesson ${s.code}, ${s.questions} questions, ${(s.durationMs / 1000).toFixed(1)} s)`,
  `  joined ${s.students.joined} (${s.students.late} late), dropped and rejoined ${s.students.rejoined}/${s.students.dropped}, connected at the end ${s.students.connectedAtEnd}`,
  `  answers sent ${s.answers.sent}, acknowledged ${s.answers.acknowledged}, refused ${s.answers.refused}, unacknowledged ${s.answers.unacknowledged}, retries ${s.answers.retries}`,
  `  ${mark(s.answers.lost === 0 && s.answers.unexpected === 0)} counted ${s.answers.counted}, stored ${s.answers.stored}, lost ${s.answers.lost} (target 0), unexpected ${s.answers.unexpected}`,
  `  ${mark((fan.p99 ?? Infinity) <= TARGETS.fanOutP99Ms && s.reveals.missed === 0)} reveal fan-out ms p50 ${fan.p50} p95 ${fan.p95} p99 ${fan.p99} max ${fan.max} (target p99 <= ${TARGETS.fanOutP99Ms}); reached ${s.reveals.received}/${s.reveals.expected}`,
  `  ${mark((ack.p99 ?? Infinity) <= TARGETS.answerAckP99Ms)} answer ack ms p50 ${ack.p50} p99 ${ack.p99} max ${ack.max} (target p99 <= ${TARGETS.answerAckP99Ms})`,
  `  ${mark(rssOk)} peak RSS per process MB ${peaks.join(' / ')} (target <= ${TARGETS.serverRssMb} each); at the end, heap used/total+external MB ${heaps.join(' / ')}`,
  `  ${mark(backOk)} process ${victim} SIGKILLed ${killAfterMs} ms into question ${killQuestion}${restartedAt ? `, started again ${restartAfterMs} ms later` : ''}: ${s.outages.count} connections lost, back ms p50 ${back.p50} p99 ${back.p99} max ${back.max}, still down ${s.outages.stillDown} (target: all back within ${TARGETS.backWithinMs})`,
  `  connections dropped by a full accept queue (this machine's TcpExt ListenOverflows): ${overflows ?? 'unknown'}`,
  `  reveal ack ms p50 ${s.revealAckMs.p50} max ${s.revealAckMs.max}; errors ${JSON.stringify(s.errors)}; leaks ${s.leaks}; simulator peak RSS ${s.simulator.peakRssMb} MB, CPU ${s.simulator.cpuSeconds} s`,
  `  server CPU s ${cpu.map((c) => c.toFixed(1)).join(' / ')} (total ${cpu.reduce((a, b) => a + b, 0).toFixed(1)})`,
];
if (values.json) console.log(JSON.stringify({ summary: s, peakRssMb: peaks }, null, 2));
console.log(`\n${lines.join('\n')}`);
const met =
  s.answers.lost === 0 &&
  s.reveals.missed === 0 &&
  (fan.p99 ?? Infinity) <= TARGETS.fanOutP99Ms &&
  (ack.p99 ?? Infinity) <= TARGETS.answerAckP99Ms &&
  rssOk &&
  backOk;
console.log(met ? '\nEvery target met.' : '\nSome targets were missed.');
process.exitCode = met ? 0 : 1;
