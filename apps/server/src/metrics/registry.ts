// The server's Prometheus metrics (prom-client), one registry per server so that several
// servers in one process (tests) do not share counters. Served as text at GET /metrics.
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type Registry as PromRegistry,
  Registry,
} from 'prom-client';

/** Latency buckets in seconds: a command is a few ms; a slow database makes it hundreds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ServerMetrics {
  registry: PromRegistry;
  /** Open socket.io connections by role (student, instructor, cohost, projector, none). */
  sockets: Gauge<'role'>;
  /** Socket events from receipt to acknowledgement, by command type and outcome (ok or code). */
  commandSeconds: Histogram<'command' | 'outcome'>;
  /** Refusals sent to clients, by error code and where (socket event, handshake, trpc). */
  errors: Counter<'code' | 'source'>;
  /** Events nobody listens to (ignored). */
  unknownEvents: Counter;
  /** One log append (the command and its derived rows, one transaction), by outcome. */
  appendSeconds: Histogram<'outcome'>;
  /** Sets how the live-lessons gauge is counted (it is read at each scrape). */
  countLessons(count: () => number): void;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'backprop_' });
  let lessons: () => number = () => 0;
  new Gauge({
    name: 'backprop_live_lessons',
    help: 'Unfinished lessons with at least one connection to this process',
    registers: [registry],
    collect() {
      this.set(lessons());
    },
  });
  return {
    registry,
    sockets: new Gauge({
      name: 'backprop_connected_sockets',
      help: 'Open socket.io connections by role',
      labelNames: ['role'],
      registers: [registry],
    }),
    commandSeconds: new Histogram({
      name: 'backprop_command_duration_seconds',
      help: 'Socket events from receipt to acknowledgement, by command type and outcome',
      labelNames: ['command', 'outcome'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'backprop_errors_total',
      help: 'Typed errors sent to clients, by error code and source',
      labelNames: ['code', 'source'],
      registers: [registry],
    }),
    unknownEvents: new Counter({
      name: 'backprop_unknown_events_total',
      help: 'Socket events with an unknown name (ignored)',
      registers: [registry],
    }),
    appendSeconds: new Histogram({
      name: 'backprop_db_append_duration_seconds',
      help: 'One lesson log append (command and derived rows in one transaction), by outcome',
      labelNames: ['outcome'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    countLessons(count) {
      lessons = count;
    },
  };
}
