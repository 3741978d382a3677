'use client';
/** How people reach the lesson: the join code for students, the projector, the co-host link. */
import type { Credentials } from '@backprop/contract';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState } from 'react';
import { cohostLink } from '../live/credentials.ts';
import { shownAddress, useJoinAddress } from '../live/join-address.ts';
import { cohostToken } from './cohost-store.ts';

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          window.setTimeout(() => setCopied(false), 2000);
        } catch {
          // No clipboard over plain http: the link is in the field, selectable.
        }
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

export function SharePanel({
  code,
  as,
  highlight,
}: {
  code: string;
  as: Credentials;
  highlight: boolean;
}) {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => {
    setToken(as.role === 'cohost' ? as.token : cohostToken(code));
  }, [code, as]);
  // Where phones go: the network address when this console is open at localhost (join-address.ts).
  // A colleague's computer too: "localhost" in a co-host link would be their own machine.
  const join = useJoinAddress();
  const host = join.base ? shownAddress(join.base) : '';
  const link = token && join.base ? cohostLink(join.base, code, token) : null;
  return (
    <section
      aria-labelledby="share-title"
      className={`rounded-xl border bg-white p-4 ${highlight ? 'border-indigo-700 ring-2 ring-indigo-300' : 'border-slate-300'}`}
    >
      <h2 id="share-title" className="text-lg font-semibold">
        Join and share
      </h2>
      <p className="mt-2 text-sm text-slate-700">
        Students open{' '}
        <span className="font-mono font-semibold text-slate-900" data-testid="join-host">
          {host || 'this site'}
        </span>{' '}
        and type
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="font-mono text-4xl font-bold tracking-[0.2em]" data-testid="join-code">
          {code}
        </p>
        {join.base && (
          <QRCodeSVG
            value={`${join.base}/play/${code}`}
            size={112}
            level="M"
            marginSize={2}
            title={`QR code of ${join.base}/play/${code}`}
            role="img"
            aria-label={`QR code of ${join.base}/play/${code}`}
            className="h-auto w-28 shrink-0 rounded border border-slate-300"
            data-testid="join-qr"
          />
        )}
      </div>
      {join.source === 'none' && (
        <p
          role="alert"
          className="mt-2 rounded-md border border-amber-800 bg-amber-50 px-2 py-1.5 text-sm text-amber-950"
          data-testid="join-warning"
        >
          This page is open at localhost and the server found no network address: phones cannot
          reach it. Connect this computer to the class&apos;s network (or set PUBLIC_URL).
        </p>
      )}
      {join.source === 'network' && (
        <p className="mt-1 text-xs text-slate-700">
          The address of this computer on its network (this page is open at localhost).
        </p>
      )}
      <p className="mt-3">
        <a
          href={`/show/${code}`}
          target="_blank"
          rel="noopener"
          className="inline-block rounded-lg bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700"
          data-testid="projector-link"
        >
          Open the projector view <span aria-hidden="true">↗</span>
          <span className="sr-only"> (new tab)</span>
        </a>
      </p>
      <div className="mt-4">
        {link ? (
          <label htmlFor="cohost-link" className="block text-sm font-medium text-slate-800">
            Co-host link (same controls: give it only to a colleague)
          </label>
        ) : (
          <h3 className="text-sm font-medium text-slate-800">Co-host link</h3>
        )}
        {link ? (
          <div className="mt-1 flex flex-wrap gap-2">
            <input
              id="cohost-link"
              readOnly
              value={link}
              onFocus={(e) => e.target.select()}
              className="min-w-0 flex-1 rounded-md border border-slate-400 bg-slate-50 px-2 py-1.5 font-mono text-xs"
              data-testid="cohost-link"
            />
            <CopyButton text={link} label="Copy" />
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-600">
            Not kept in this browser: it is shown in the browser that created the lesson.
          </p>
        )}
      </div>
    </section>
  );
}
