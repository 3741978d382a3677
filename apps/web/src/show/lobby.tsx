'use client';
import type { ProjectorView } from '@backprop/contract';
import { QRCodeSVG } from 'qrcode.react';
import { useSyncExternalStore } from 'react';
import { displayName } from './display-options.ts';

const noSubscribe = () => () => {};

/** This page's origin; empty while rendering on the server. */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );
}

interface LobbyProps {
  view: ProjectorView;
  anonymise: boolean;
}

/** Before the first question: how to join (address, code, QR code) and who has joined. */
export function Lobby({ view, anonymise }: LobbyProps) {
  const origin = useOrigin();
  const joinUrl = `${origin}/play/${view.code}`;
  const shownUrl = joinUrl.replace(/^https?:\/\//, '');
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section
        aria-labelledby="join-title"
        className="rounded-2xl border-2 border-slate-300 bg-white p-6"
      >
        <h2 id="join-title" className="text-3xl font-bold">
          Join on your phone or laptop
        </h2>
        <p className="mt-4 text-xl text-slate-800">
          Go to{' '}
          <span
            className="font-mono text-3xl font-semibold text-indigo-900 [overflow-wrap:anywhere]"
            data-testid="join-url"
          >
            {origin ? shownUrl : `/play/${view.code}`}
          </span>
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-8">
          <div className="grow">
            <p className="text-xl text-slate-800">and enter the code</p>
            <p className="font-mono text-6xl font-black tracking-[0.12em] text-slate-950 sm:text-7xl 2xl:text-8xl">
              <span className="sr-only">
                Join code, letter by letter: {view.code.split('').join(' ')}
              </span>
              <span aria-hidden="true" data-testid="join-code">
                {view.code}
              </span>
            </p>
          </div>
          {origin && (
            <figure className="m-0 shrink-0">
              <div className="rounded-xl border-2 border-slate-900 bg-white p-3">
                <QRCodeSVG
                  value={joinUrl}
                  size={320}
                  level="M"
                  marginSize={2}
                  title={`QR code of ${joinUrl}`}
                  role="img"
                  aria-label={`QR code of ${joinUrl}`}
                  className="h-auto w-56 sm:w-64 2xl:w-80"
                  data-testid="join-qr"
                />
              </div>
              <figcaption className="mt-2 text-center text-lg text-slate-800">
                or scan to join
              </figcaption>
            </figure>
          )}
        </div>
      </section>
      <section
        aria-labelledby="roster-title"
        className="rounded-2xl border-2 border-slate-300 bg-white p-6"
        data-testid="roster"
      >
        <h2
          id="roster-title"
          className="flex flex-wrap items-baseline justify-between gap-2 text-3xl font-bold"
        >
          <span>Players</span>
          <span className="text-2xl tabular-nums" data-testid="player-count">
            {view.playerCount} joined
          </span>
        </h2>
        {view.nicknames.length === 0 ? (
          <p className="mt-6 text-xl text-slate-700">Waiting for the first player…</p>
        ) : (
          <ul className="mt-4 flex flex-wrap gap-2" aria-live="polite" aria-relevant="additions">
            {view.nicknames.map((name) => (
              <li
                key={name}
                data-testid="roster-name"
                className="rounded-full border-2 border-slate-400 bg-slate-50 px-4 py-1.5 text-xl font-semibold"
              >
                {displayName(name, view.nicknames, anonymise)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
