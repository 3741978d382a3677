// Wires the metrics to the server's parts without touching their logic: every socket event's
// acknowledgement is timed and its error code counted (a socket.io middleware wraps the ack),
// connections are counted by role, and the store's append is timed.
import { instructorCommandSchema } from '@backprop/contract';
import type { LessonStore } from '../lessons/store';
import type { AppServer } from '../socket/app-server';
import type { ServerMetrics } from './registry';

const EVENTS: ReadonlySet<string> = new Set(['command', 'answer', 'sync', 'health']);
const COMMANDS: ReadonlySet<string> = new Set(
  instructorCommandSchema.options.map((option) => option.shape.type.value),
);

/** The histogram's `command` label: the event, or the instructor command's type (bounded). */
function commandLabel(event: string, payload: unknown): string {
  if (event !== 'command') return event;
  const type = (payload as { command?: { type?: unknown } } | null)?.command?.type;
  return typeof type === 'string' && COMMANDS.has(type) ? type : 'invalid';
}

function outcomeOf(result: unknown): string {
  if (typeof result !== 'object' || result === null) return 'ok';
  const { ok, error } = result as { ok?: unknown; error?: { code?: unknown } };
  if (ok !== false) return 'ok';
  return typeof error?.code === 'string' ? error.code : 'error';
}

export function instrumentSockets(io: AppServer, metrics: ServerMetrics): void {
  metrics.countLessons(() => {
    let n = 0;
    // A lesson's sockets share the room `lesson:CODE` (socket/rooms.ts); other rooms have more colons.
    for (const room of io.of('/').adapter.rooms.keys()) {
      if (room.startsWith('lesson:') && room.indexOf(':', 7) === -1) n += 1;
    }
    return n;
  });
  io.on('connection', (socket) => {
    const role = socket.data.identity?.role ?? 'none';
    metrics.sockets.inc({ role });
    socket.once('disconnect', () => metrics.sockets.dec({ role }));
    socket.use((packet, next) => {
      const event = packet[0];
      if (typeof event !== 'string' || !EVENTS.has(event)) {
        metrics.unknownEvents.inc();
        return next();
      }
      const last = packet.length - 1;
      const ack: unknown = packet[last];
      if (last < 1 || typeof ack !== 'function') return next();
      const end = metrics.commandSeconds.startTimer({ command: commandLabel(event, packet[1]) });
      packet[last] = (result: unknown) => {
        const outcome = outcomeOf(result);
        end({ outcome });
        if (outcome !== 'ok') metrics.errors.inc({ code: outcome, source: event });
        (ack as (result: unknown) => void)(result);
      };
      next();
    });
  });
}

const APPEND_REFUSALS: Record<string, string> = {
  VersionConflictError: 'conflict',
  NicknameTakenError: 'name_taken',
};

/** The store with its append timed; everything else passes through. */
export function instrumentStore(store: LessonStore, metrics: ServerMetrics): LessonStore {
  const timed = async (write: () => Promise<void>): Promise<void> => {
    const end = metrics.appendSeconds.startTimer();
    try {
      await write();
      end({ outcome: 'ok' });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      end({ outcome: name in APPEND_REFUSALS ? APPEND_REFUSALS[name]! : 'error' });
      throw error;
    }
  };
  return {
    ...store,
    append: (...args) => timed(() => store.append(...args)),
    // A batch of answers is one write: one observation.
    appendMany: (...args) => timed(() => store.appendMany(...args)),
  };
}
