'use client';
/**
 * The address students are told to open. A screen opened at localhost would print
 * "localhost:3000", which on a phone is the phone itself: there the server's network address
 * (tRPC joinInfo), on this page's port, is printed instead; PUBLIC_URL (a proxy's public name)
 * wins over both. Anything else is already an address the teacher reached over the network.
 */
import type { JoinInfo } from '@backprop/contract';
import { useEffect, useState } from 'react';
import { trpcClient } from '../lib/trpc-call.ts';
import { serverUrl } from './server-url.ts';

/** Public and cookie-free: asked of the game server directly. */
const server = trpcClient(() => `${serverUrl()}/trpc`, { credentials: 'omit' });

export type JoinSource =
  /** The page's own origin: opened by a name or address phones can use too. */
  | 'page'
  /** PUBLIC_URL. */
  | 'public'
  /** Opened on localhost: the server's network address. */
  | 'network'
  /** Opened on localhost and the server has no network address: phones cannot join. */
  | 'none'
  /** Opened on localhost, the server not asked yet (or unreachable). */
  | 'pending';

export interface JoinAddress {
  /** Base URL students open (no trailing slash); '' while not known. */
  base: string;
  source: JoinSource;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1|0\.0\.0\.0)$/i;

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname) || hostname.endsWith('.localhost');
}

/** Pure: the join base for a page at `page`, given what the server reported (null: not yet). */
export function joinAddressFor(
  page: Pick<URL, 'protocol' | 'hostname' | 'port' | 'origin'>,
  info: JoinInfo | null,
): JoinAddress {
  if (info?.publicUrl) return { base: info.publicUrl, source: 'public' };
  if (!isLoopback(page.hostname)) return { base: page.origin, source: 'page' };
  if (!info) return { base: page.origin, source: 'pending' };
  const address = info.addresses[0];
  if (!address) return { base: page.origin, source: 'none' };
  return {
    base: `${page.protocol}//${address}${page.port ? `:${page.port}` : ''}`,
    source: 'network',
  };
}

/** The join address of this page; asks the server once. Empty base while rendering on the server. */
export function useJoinAddress(): JoinAddress {
  const [info, setInfo] = useState<JoinInfo | null>(null);
  const [page, setPage] = useState<URL | null>(null);
  useEffect(() => {
    setPage(new URL(window.location.href));
    let cancelled = false;
    server.query('joinInfo').then(
      (result) => {
        if (!cancelled) setInfo(result);
      },
      () => {
        // Unreachable server: the page's own address stays, marked pending; the screen says why.
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  if (!page) return { base: '', source: 'pending' };
  return joinAddressFor(page, info);
}

/** "192.168.1.20:3000/play/ABC123": the join link as people type it. */
export function shownAddress(url: string): string {
  return url.replace(/^https?:\/\//, '');
}
