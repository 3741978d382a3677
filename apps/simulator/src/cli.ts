// pnpm simulate --url http://127.0.0.1:PORT --students N [--late 0.1] [--drop 0.1] [--seed S]
//   [--questions K] [--think-ms 1000-8000] [--database-url URL] [--server-pid PID] [--quiet]
// Runs one lesson against a running server and prints one JSON summary on stdout (progress on
// stderr). Exits 1 when an acknowledged answer was not stored or a reveal missed a student.
import { parseArgs } from 'node:util';
import { simulate } from './simulate';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    students: { type: 'string', default: '30' },
    late: { type: 'string', default: '0.1' },
    drop: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '1' },
    questions: { type: 'string', default: '4' },
    'think-ms': { type: 'string', default: '1000-8000' },
    'database-url': { type: 'string' },
    'server-pid': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
  // `pnpm simulate -- --url ...` passes the separator through.
  allowPositionals: true,
});

const number = (name: string, text: string | undefined, min: number, max: number): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max}, got ${text}`);
    process.exit(2);
  }
  return n;
};

if (!values.url) {
  console.error('usage: pnpm simulate --url http://127.0.0.1:PORT --students N [options]');
  process.exit(2);
}
const think = (values['think-ms'] ?? '').split('-').map(Number);
if (
  think.length !== 2 ||
  !think.every((n) => Number.isFinite(n) && n >= 0) ||
  think[0]! > think[1]!
) {
  console.error('--think-ms is MIN-MAX in milliseconds, e.g. 1000-8000');
  process.exit(2);
}

const summary = await simulate({
  url: values.url.replace(/\/$/, ''),
  students: number('students', values.students, 1, 10_000),
  late: number('late', values.late, 0, 1),
  drop: number('drop', values.drop, 0, 1),
  seed: number('seed', values.seed, 0, 0xffffffff),
  questions: number('questions', values.questions, 1, 20),
  thinkMs: [think[0]!, think[1]!],
  ...(values['database-url'] && { databaseUrl: values['database-url'] }),
  ...(values['server-pid'] && {
    serverPid: number('server-pid', values['server-pid'], 1, 2 ** 31),
  }),
  ...(!values.quiet && { log: (line: string) => console.error(line) }),
});
console.log(JSON.stringify(summary, null, 2));
const failed = summary.answers.lost > 0 || summary.reveals.missed > 0 || summary.leaks > 0;
process.exit(failed ? 1 : 0);
