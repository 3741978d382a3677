'use client';
/**
 * One live connection to a lesson: the latest view for this viewer, the fast-forward frames, the
 * connection state (a visible "reconnecting"), and commands/answers with typed acknowledgements.
 * Screens stay thin: they render `view` and call `command` or `answer`.
 */
import {
  type Ack,
  type AnswerCommand,
  type ClientToServerEvents,
  type Credentials,
  ERROR_CODES,
  type ErrorCode,
  type InstructorCommand,
  type LessonView,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type TrainingFrame,
  type WireError,
} from '@backprop/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { serverUrl } from './server-url.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused';

/**
 * Refusals that no retry can fix: the screen says why and stops trying. Anything else (a
 * transport detail, a busy or restarting server, a rate limit) is retried by socket.io.
 */
const FINAL: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ERROR_CODES.UNKNOWN_LESSON,
  ERROR_CODES.NOT_INSTRUCTOR,
  ERROR_CODES.UNKNOWN_PLAYER,
  ERROR_CODES.KICKED,
  ERROR_CODES.PROTOCOL_MISMATCH,
  ERROR_CODES.LESSON_FINISHED,
]);

const ACK_TIMEOUT_MS = 8_000;
/** How long an unacknowledged answer is kept and resent across reconnections. */
const ANSWER_RETRY_MS = 30_000;
type LessonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveLesson {
  view: LessonView | null;
  state: ConnectionState;
  /** Why the server refused this viewer (state 'refused'). */
  refusal: WireError | null;
  /** The current or last fast-forward's frames, in order. */
  frames: TrainingFrame[];
  command(command: InstructorCommand): Promise<Ack<{ version: number }>>;
  answer(answer: AnswerCommand): Promise<Ack<{ version: number }>>;
}

const offline = (): Ack<never> => ({
  ok: false,
  error: { code: ERROR_CODES.UNAVAILABLE, message: 'Not connected: try again in a moment.' },
});

export function useLesson(code: string, as: Credentials | null): LiveLesson {
  const [view, setView] = useState<LessonView | null>(null);
  const [state, setState] = useState<ConnectionState>('connecting');
  const [refusal, setRefusal] = useState<WireError | null>(null);
  const [frames, setFrames] = useState<TrainingFrame[]>([]);
  const socketRef = useRef<LessonSocket | null>(null);
  const asKey = as ? JSON.stringify(as) : null;

  useEffect(() => {
    if (!asKey) return;
    const socket: LessonSocket = io(serverUrl(), {
      auth: { protocolVersion: PROTOCOL_VERSION, code, as: JSON.parse(asKey) as Credentials },
    });
    socketRef.current = socket;
    let lastFrameWasFinal = true;
    const refuse = (error: WireError) => {
      setRefusal(error);
      setState('refused');
      socket.disconnect();
    };
    socket.on('connect', () => {
      setState('live');
      setRefusal(null);
    });
    socket.on('view', (next) => {
      setView(next);
      if (next.kind === 'student' && next.me.kicked) {
        refuse({
          code: ERROR_CODES.KICKED,
          message: 'The instructor removed you from this lesson.',
        });
      }
    });
    socket.on('frame', (frame) => {
      // Read the flag now: React runs the updater later, after the flag has moved on (the final
      // frame would otherwise replace the whole run).
      const startsRun = lastFrameWasFinal;
      setFrames((previous) => (startsRun ? [frame] : [...previous, frame]));
      lastFrameWasFinal = frame.last;
    });
    socket.on('connect_error', (error) => {
      const data = (error as Error & { data?: WireError }).data;
      if (data && FINAL.has(data.code)) refuse(data);
      else setState('reconnecting'); // the server is restarting or the network dropped: keep trying
    });
    socket.on('disconnect', (reason) => {
      if (socket.disconnected && reason === 'io server disconnect') {
        // The server closed this connection (it is stopping, or removed us): socket.io does not
        // retry by itself here; try again shortly, the handshake tells which it was.
        window.setTimeout(() => socket.connect(), 1_000);
      }
      setState((s) => (s === 'refused' ? s : 'reconnecting'));
    });
    return () => {
      socket.removeAllListeners();
      socket.close();
      socketRef.current = null;
    };
  }, [code, asKey]);

  const command = useCallback(async (cmd: InstructorCommand) => {
    const socket = socketRef.current;
    if (!socket?.connected) return offline();
    try {
      return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('command', { command: cmd });
    } catch {
      return offline();
    }
  }, []);

  // An answer without an acknowledgement is kept and sent again, same answerId, once the socket
  // is back (the server counts an id once): a server restart or a dropped network loses nothing.
  const answer = useCallback(async (payload: AnswerCommand) => {
    const giveUpAt = Date.now() + ANSWER_RETRY_MS;
    for (;;) {
      const socket = socketRef.current;
      if (!socket) return offline();
      if (!socket.connected) {
        const back = await new Promise<boolean>((resolve) => {
          const onConnect = () => {
            clearTimeout(timer);
            resolve(true);
          };
          const timer = setTimeout(() => {
            socket.off('connect', onConnect);
            resolve(false);
          }, giveUpAt - Date.now());
          socket.once('connect', onConnect);
        });
        if (!back) return offline();
      }
      try {
        return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('answer', payload);
      } catch {
        // No acknowledgement (timeout or disconnect): it may or may not have arrived; resend.
        if (Date.now() >= giveUpAt) return offline();
      }
    }
  }, []);

  return { view, state, refusal, frames, command, answer };
}

/** A client-made answer id (kept under its old name: the live pages import it from here). */
export { randomId as newAnswerId } from '../lib/random-id.ts';
