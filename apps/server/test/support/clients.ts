// Real socket.io clients for the integration tests: every view received is recorded.
import {
  type ClientToServerEvents,
  type Credentials,
  type LessonView,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type TrainingFrame,
  type WireError,
} from '@backprop/contract';
import { io as connect, type Socket } from 'socket.io-client';

export interface TestClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  views: LessonView[];
  frames: TrainingFrame[];
  last(): LessonView | undefined;
  /** The first view (already received or coming) for which `pred` holds. */
  until(pred: (view: LessonView) => boolean, ms?: number): Promise<LessonView>;
  /** Emits with an ack; untyped on purpose, tests also send what the contract forbids. */
  send(
    event: string,
    payload: unknown,
  ): Promise<{ ok: boolean; error?: WireError } & Record<string, unknown>>;
  close(): void;
}

export function openClient(
  url: string,
  code: string,
  as: Credentials,
  auth?: unknown,
): Promise<TestClient> {
  const socket: TestClient['socket'] = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    auth: (auth ?? { protocolVersion: PROTOCOL_VERSION, code, as }) as Record<string, unknown>,
  });
  const views: LessonView[] = [];
  const frames: TrainingFrame[] = [];
  const waiters: { pred: (v: LessonView) => boolean; resolve: (v: LessonView) => void }[] = [];
  socket.on('view', (view) => {
    views.push(view);
    for (const w of [...waiters]) {
      if (w.pred(view)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(view);
      }
    }
  });
  socket.on('frame', (frame) => frames.push(frame));
  const client: TestClient = {
    socket,
    views,
    frames,
    last: () => views.at(-1),
    until(pred, ms = 5_000) {
      const seen = views.at(-1);
      if (seen && pred(seen)) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no such view within ${ms} ms; last: ${JSON.stringify(views.at(-1))?.slice(0, 300)}`,
              ),
            ),
          ms,
        );
        waiters.push({
          pred,
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
        });
      });
    },
    send: (event, payload) =>
      (socket as unknown as Socket).timeout(5_000).emitWithAck(event, payload),
    close: () => socket.disconnect(),
  };
  return new Promise((resolve, reject) => {
    // A handshake the server neither accepts nor refuses is a failure, said at once.
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('the server neither accepted nor refused the connection within 5 s'));
    }, 5_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(client);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The typed error a refused connection carries (connect_error's `data`). */
export async function refusedWith(promise: Promise<unknown>): Promise<WireError | undefined> {
  try {
    const client = (await promise) as TestClient;
    client.close();
    return undefined;
  } catch (error) {
    return (error as { data?: WireError }).data;
  }
}
