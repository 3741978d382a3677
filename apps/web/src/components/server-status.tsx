'use client';

import { useEffect, useState } from 'react';
import { serverUrl } from '../live/server-url.ts';

type Status = { kind: 'checking' } | { kind: 'online'; db: string } | { kind: 'offline' };

const POLL_MS = 30_000;
const TIMEOUT_MS = 4_000;

/** Reads tRPC's HTTP answer `{ result: { data } }` (also `{ data: { json } }` with a transformer). */
function dbFromHealth(body: unknown): string | undefined {
  const data = (body as { result?: { data?: unknown } } | null)?.result?.data;
  const health = (data as { json?: unknown } | undefined)?.json ?? data;
  const { ok, db } = (health ?? {}) as { ok?: unknown; db?: unknown };
  return ok === true && typeof db === 'string' ? db : undefined;
}

/** tRPC's `health` is a mutation (it records a heartbeat), so it is a POST. */
function fetchHealth(): Promise<Response> {
  return fetch(`${serverUrl()}/trpc/health`, {
    method: 'POST',
    cache: 'no-store',
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { 'content-type': 'application/json' },
  });
}

/** "server: online (sqlite)" or "server: offline", from the server's tRPC `health` procedure. */
export function ServerStatus() {
  const [status, setStatus] = useState<Status>({ kind: 'checking' });

  useEffect(() => {
    let active = true;
    const check = async () => {
      let next: Status = { kind: 'offline' };
      try {
        const response = await fetchHealth();
        const db = response.ok ? dbFromHealth(await response.json()) : undefined;
        if (db !== undefined) next = { kind: 'online', db };
      } catch {
        // Unreachable, refused, timed out or not JSON: all mean offline.
      }
      if (active) setStatus(next);
    };
    void check();
    const timer = window.setInterval(check, POLL_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, []);

  const text =
    status.kind === 'online'
      ? `server: online (${status.db})`
      : status.kind === 'offline'
        ? 'server: offline'
        : 'server: checking…';
  const dot =
    status.kind === 'online'
      ? 'bg-emerald-600'
      : status.kind === 'offline'
        ? 'bg-rose-700'
        : 'bg-slate-400';
  return (
    <p
      role="status"
      data-server-status={status.kind}
      className="inline-flex items-center gap-2 rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-800"
    >
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${dot}`} />
      {text}
    </p>
  );
}
