// A live lesson driven from Node: tRPC over fetch, the instructor and students over socket.io.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { repoRoot, serverUrl } from './paths.ts';

const PROTOCOL_VERSION = 2;

export async function trpc<T>(procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${serverUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

export interface Lesson {
  code: string;
  instructorSecret: string;
}

// The web app's socket.io client (the e2e package has none of its own).
const webRequire = createRequire(join(repoRoot, 'apps/web/package.json'));
interface AckResult {
  ok: boolean;
  error?: { code: string };
}
interface MiniSocket {
  on(event: string, listener: (payload: never) => void): void;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<AckResult> };
  close(): void;
}
const { io } = webRequire('socket.io-client') as {
  io: (url: string, options: { auth: unknown; transports: string[] }) => MiniSocket;
};

export interface LiveView {
  question: {
    key: { step: number; index: number };
    options: unknown[] | null;
    status: string;
  } | null;
  roster?: { playerId: string; nickname: string }[];
}

/** One socket: the instructor (commands) or a student (answers). */
export class LiveClient {
  latest: LiveView | null = null;
  private constructor(private readonly socket: MiniSocket) {}

  static async connect(
    code: string,
    as: { role: 'instructor'; secret: string } | { role: 'student'; playerToken: string },
  ): Promise<LiveClient> {
    const socket = io(serverUrl, {
      auth: { protocolVersion: PROTOCOL_VERSION, code, as },
      transports: ['websocket'],
    });
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('view', (view: LiveView) => {
        client.latest = view;
        resolve();
      });
      socket.on('connect_error', (e: Error) => reject(e));
    });
    return client;
  }

  async send(command: Record<string, unknown>): Promise<void> {
    const ack = await this.socket.timeout(5_000).emitWithAck('command', { command });
    expect(ack, JSON.stringify(command)).toMatchObject({ ok: true });
  }

  async answer(question: { step: number; index: number }, numbers: unknown): Promise<void> {
    const ack = await this.socket.timeout(5_000).emitWithAck('answer', {
      type: 'answer',
      answerId: `e2e-${Math.random().toString(36).slice(2, 12)}`,
      question,
      value: { numbers },
    });
    expect(ack).toMatchObject({ ok: true });
  }

  close() {
    this.socket.close();
  }
}

/** A student joined through the API, with a socket of their own. */
export async function joinAs(code: string, nickname: string): Promise<LiveClient> {
  const joined = await trpc<{ playerToken: string }>('lesson.join', { code, nickname });
  return LiveClient.connect(code, { role: 'student', playerToken: joined.playerToken });
}
