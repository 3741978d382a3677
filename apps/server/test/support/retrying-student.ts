// A student client that behaves like the web app's use-lesson answer(): an answer is kept until
// the server acknowledges it, and sent again (same answerId) after every reconnection.
import {
  type Ack,
  type AnswerCommand,
  type ClientToServerEvents,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@backprop/contract';
import { io as connect, type Socket } from 'socket.io-client';

export interface RetryingStudent {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Resolves with the server's first answer (ok or a typed refusal); `tries` counts the sends. */
  answer(payload: AnswerCommand): Promise<{ ack: Ack<{ version: number }>; tries: number }>;
  close(): void;
}

export function retryingStudent(url: string, code: string, playerToken: string): RetryingStudent {
  const socket: RetryingStudent['socket'] = connect(url, {
    transports: ['websocket'],
    reconnectionDelay: 50,
    reconnectionDelayMax: 250,
    randomizationFactor: 0,
    auth: { protocolVersion: PROTOCOL_VERSION, code, as: { role: 'student', playerToken } },
  });
  const connected = () =>
    socket.connected
      ? Promise.resolve()
      : new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    socket,
    async answer(payload) {
      for (let tries = 1; ; tries += 1) {
        await connected();
        try {
          const ack = await socket.timeout(3_000).emitWithAck('answer', payload);
          return { ack, tries };
        } catch {
          // No acknowledgement (the server died, or the connection dropped): same id again.
        }
      }
    },
    close: () => socket.disconnect(),
  };
}
