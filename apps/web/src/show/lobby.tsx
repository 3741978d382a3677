'use client';
import type { ProjectorView } from '@backprop/contract';
import { QRCodeSVG } from 'qrcode.react';
import { shownAddress, useJoinAddress } from '../live/join-address.ts';
import { displayName } from './display-options.ts';
import { FitBox } from './fit-box.tsx';
import { Icon } from './icons.tsx';

interface LobbyProps {
  view: ProjectorView;
  anonymise: boolean;
}

/** More names than this and the lobby lists the latest ones and counts the rest. */
const MAX_NAMES = 60;

/**
 * Before the first question: how to join (an address phones can reach, the code, a QR code a
 * third of the screen high at least) and who has joined.
 */
export function Lobby({ view, anonymise }: LobbyProps) {
  const { base, source } = useJoinAddress();
  const joinUrl = base ? `${base}/play/${view.code}` : '';
  const names = view.nicknames.slice(-MAX_NAMES);
  const more = view.nicknames.length - names.length;
  return (
    <div className="grid h-full grid-cols-[minmax(0,1fr)] gap-[1.5rem] lg:grid-cols-[minmax(0,1fr)_auto]">
      <div className="flex min-h-0 min-w-0 flex-col gap-[1rem]">
        <section
          aria-labelledby="join-title"
          className="shrink-0 rounded-2xl border-2 border-slate-300 bg-white px-[1.6rem] py-[1.2rem]"
        >
          <h2 id="join-title" className="text-[2.4rem] font-bold leading-tight">
            Join on your phone or laptop
          </h2>
          <p className="mt-[0.6rem] text-[1.5rem] text-slate-800">Go to</p>
          <p
            className="font-mono text-[1.6rem] font-bold leading-tight text-indigo-900 [overflow-wrap:anywhere] lg:text-[2.6rem]"
            data-testid="join-url"
            data-source={source}
          >
            {joinUrl ? shownAddress(joinUrl) : `/play/${view.code}`}
          </p>
          <p className="mt-[0.8rem] text-[1.5rem] text-slate-800">and enter the code</p>
          <p className="font-mono text-[3.5rem] font-black leading-none tracking-[0.12em] text-slate-950 lg:text-[6.5rem]">
            <span className="sr-only">
              Join code, letter by letter: {view.code.split('').join(' ')}
            </span>
            <span aria-hidden="true" data-testid="join-code">
              {view.code}
            </span>
          </p>
          <JoinWarning source={source} />
        </section>
        <section
          aria-labelledby="roster-title"
          className="min-h-0 flex-1 rounded-2xl border-2 border-slate-300 bg-white px-[1.6rem] py-[1rem]"
          data-testid="roster"
        >
          <FitBox>
            <h2
              id="roster-title"
              className="flex flex-wrap items-baseline justify-between gap-2 text-[1.8rem] font-bold"
            >
              <span>Players</span>
              <span className="text-[1.6rem] tabular-nums" data-testid="player-count">
                {view.playerCount} joined
              </span>
            </h2>
            {view.nicknames.length === 0 ? (
              <p className="mt-[0.8rem] text-[1.4rem] text-slate-700">
                Waiting for the first player…
              </p>
            ) : (
              <ul
                className="mt-[0.6rem] flex flex-wrap gap-[0.5rem]"
                aria-live="polite"
                aria-relevant="additions"
              >
                {names.map((name) => (
                  <li
                    key={name}
                    data-testid="roster-name"
                    className="projector-fade rounded-full border-2 border-slate-400 bg-slate-50 px-[0.9rem] py-[0.2rem] text-[1.4rem] font-semibold"
                  >
                    {displayName(name, view.nicknames, anonymise)}
                  </li>
                ))}
                {more > 0 && (
                  <li className="px-[0.6rem] py-[0.2rem] text-[1.4rem] text-slate-700">
                    and {more} more
                  </li>
                )}
              </ul>
            )}
          </FitBox>
        </section>
      </div>
      {/* No QR of an address phones cannot open: not while unknown, not for localhost. */}
      {joinUrl && (source === 'page' || source === 'public' || source === 'network') && (
        <figure className="m-0 flex min-h-0 flex-col items-center justify-center rounded-2xl border-2 border-slate-300 bg-white p-[1rem]">
          <QRCodeSVG
            value={joinUrl}
            size={512}
            level="M"
            marginSize={2}
            title={`QR code of ${joinUrl}`}
            role="img"
            aria-label={`QR code of ${joinUrl}`}
            className="aspect-square h-auto w-64 max-w-full lg:w-[min(60vh,40vw)]"
            data-testid="join-qr"
          />
          <figcaption className="mt-[0.4rem] text-center text-[1.5rem] font-semibold text-slate-800">
            or scan to join
          </figcaption>
        </figure>
      )}
    </div>
  );
}

/** Said on the big screen when phones could not reach the printed address. */
export function JoinWarning({ source }: { source: string }) {
  if (source !== 'none') return null;
  return (
    <p
      role="alert"
      data-testid="join-warning"
      className="mt-[0.8rem] flex items-start gap-[0.6rem] rounded-xl border-2 border-amber-800 bg-amber-100 px-[0.9rem] py-[0.5rem] text-[1.2rem] text-amber-950"
    >
      <Icon name="alert" className="mt-[0.2rem] size-[1.4rem]" />
      <span>
        This screen is open at localhost and the server found no network address: phones cannot
        reach it. Connect this computer to the class&apos;s network (or set PUBLIC_URL) and reload.
      </span>
    </p>
  );
}
