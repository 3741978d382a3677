'use client';
/**
 * One live connection to a lesson for a React screen: the latest view for this viewer, the
 * fast-forward frames, the connection state (a visible "reconnecting"), and commands/answers with
 * typed acknowledgements. The connection itself (reconnection, refusals, the answer retry, frames)
 * is lesson-connection.ts; this hook only opens it for the screen's lifetime and subscribes.
 */
import type {
  Ack,
  AnswerAck,
  AnswerCommand,
  Credentials,
  InstructorCommand,
} from '@backprop/contract';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import {
  type ConnectionState,
  INITIAL_SNAPSHOT,
  LessonConnection,
  type LiveSnapshot,
  offline,
  socketIoFactory,
} from './lesson-connection.ts';

export type { ConnectionState };

export interface LiveLesson extends LiveSnapshot {
  /** `expect`: the instructorVersion of the view the command was decided on (a double is refused). */
  command(command: InstructorCommand, expect?: number): Promise<Ack<{ version: number }>>;
  answer(answer: AnswerCommand): Promise<Ack<AnswerAck>>;
}

const noSubscription = () => () => {};
const initial = () => INITIAL_SNAPSHOT;

export function useLesson(code: string, as: Credentials | null): LiveLesson {
  const asKey = as ? JSON.stringify(as) : null;
  const connection = useMemo(
    () =>
      asKey ? new LessonConnection(code, JSON.parse(asKey) as Credentials, socketIoFactory) : null,
    [code, asKey],
  );
  useEffect(() => {
    if (!connection) return;
    connection.start();
    return () => connection.close();
  }, [connection]);
  const snapshot = useSyncExternalStore(
    connection?.subscribe ?? noSubscription,
    connection?.getSnapshot ?? initial,
    connection?.getSnapshot ?? initial,
  );
  return useMemo(
    () => ({
      ...snapshot,
      command: connection?.command ?? (async () => offline()),
      answer: connection?.answer ?? (async () => offline()),
    }),
    [snapshot, connection],
  );
}

/** A client-made answer id (kept under its old name: the live pages import it from here). */
export { randomId as newAnswerId } from '../lib/random-id.ts';
