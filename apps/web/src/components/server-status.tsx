'use client';

import { useEffect, useState } from 'react';
import { trpcClient } from '../lib/trpc-call.ts';
import { serverUrl } from '../live/server-url.ts';

type Status = { kind: 'checking' } | { kind: 'online'; db: string } | { kind: 'offline' };

const POLL_MS = 30_000;

// tRPC's `health` is a mutation (it records a heartbeat), so it is a POST.
const server = trpcClient(() => `${serverUrl()}/trpc`, { timeoutMs: 4_000 });

/** "server: online (sqlite)" or "server: offline", from the server's tRPC `health` procedure. */
export function ServerStatus() {
  const [status, setStatus] = useState<Status>({ kind: 'checking' });

  useEffect(() => {
    let active = true;
    const check = async () => {
      let next: Status = { kind: 'offline' };
      try {
        const health = await server.mutation('health');
        if (health.ok) next = { kind: 'online', db: health.db };
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
