'use client';
/**
 * The signed-in instructor (account.me), or a redirect to /signin that comes back here after.
 */
import type { Instructor } from '@backprop/contract';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ApiError } from '../lib/trpc-call.ts';
import { accountApi } from './api.ts';

export type InstructorState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; me: Instructor };

export function signinHref(): string {
  return `/signin?next=${encodeURIComponent(window.location.pathname)}`;
}

export function useInstructor(): InstructorState {
  const router = useRouter();
  const [state, setState] = useState<InstructorState>({ kind: 'loading' });
  useEffect(() => {
    let active = true;
    accountApi.me().then(
      (me) => {
        if (!active) return;
        if (me) setState({ kind: 'ready', me });
        else router.replace(signinHref());
      },
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && error.code === 'NOT_SIGNED_IN') {
          router.replace(signinHref());
        } else {
          setState({
            kind: 'error',
            message: error instanceof Error ? error.message : 'Could not reach the server.',
          });
        }
      },
    );
    return () => {
      active = false;
    };
  }, [router]);
  return state;
}
