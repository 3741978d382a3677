'use client';
/** The nickname form: lesson.join, then the token is stored so a reload needs no name again. */
import { NICKNAME_MAX } from '@backprop/contract';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, api } from '../live/api.ts';
import { credentials, type StoredPlayer } from '../live/credentials.ts';
import { type LessonProbe, probeLesson } from './lesson-probe.ts';
import { joinRefusal } from './messages.ts';

interface JoinFormProps {
  code: string;
  /** Why the form is shown again (a stale token). */
  notice: string | null;
  onJoined: (player: StoredPlayer) => void;
  onGone: (reason: 'unknown' | 'finished') => void;
}

export function JoinForm({ code, notice, onJoined, onGone }: JoinFormProps) {
  const [nickname, setNickname] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [probe, setProbe] = useState<LessonProbe | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  // A wrong or finished code is said before anyone types a name.
  useEffect(() => {
    let active = true;
    void probeLesson(code).then((result) => {
      if (!active) return;
      setProbe(result);
      if (result === 'unknown' || result === 'finished') onGone(result);
    });
    return () => {
      active = false;
    };
  }, [code, onGone]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = nickname.trim();
    if (name.length === 0 || name.length > NICKNAME_MAX) {
      setError(`A nickname has 1 to ${NICKNAME_MAX} characters.`);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const joined = await api.joinLesson({ code, nickname: name });
      const player: StoredPlayer = { ...joined, nickname: name };
      credentials.savePlayer(code, player);
      onJoined(player);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('INTERNAL', String(e));
      if (err.code === 'UNKNOWN_LESSON') return onGone('unknown');
      if (err.code === 'LESSON_FINISHED') return onGone('finished');
      setError(joinRefusal(err.code, err.message));
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  const errorId = `${id}-error`;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="mx-auto min-w-0 max-w-md rounded-xl border border-slate-300 bg-white p-4 sm:p-6"
    >
      <h1 id={`${id}-title`} className="text-2xl font-bold">
        Join lesson{' '}
        <span data-testid="join-code" className="whitespace-nowrap font-mono tracking-widest">
          {code}
        </span>
      </h1>
      {notice && (
        <p
          data-testid="join-notice"
          className="mt-3 rounded-lg border border-slate-400 bg-slate-100 px-3 py-2 text-sm text-slate-900"
        >
          {notice}
        </p>
      )}
      {probe === 'unreachable' && (
        <p className="mt-3 rounded-lg border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          The game server cannot be reached right now. Check the Wi-Fi, then join.
        </p>
      )}
      <form onSubmit={submit} noValidate className="mt-4 grid gap-3" data-testid="join-form">
        <label htmlFor={`${id}-nickname`} className="font-medium text-slate-800">
          Your nickname{' '}
          <span className="font-normal text-slate-600">(shown on the leaderboard)</span>
        </label>
        <input
          ref={inputRef}
          id={`${id}-nickname`}
          name="nickname"
          data-testid="nickname"
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          required
          minLength={1}
          maxLength={NICKNAME_MAX}
          autoComplete="off"
          autoCapitalize="words"
          spellCheck={false}
          enterKeyHint="go"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="w-full min-w-0 rounded-lg border border-slate-500 bg-white px-3 py-3 text-xl placeholder:text-slate-500 aria-[invalid=true]:border-orange-700"
        />
        <p aria-live="polite" id={errorId}>
          {error && (
            <span data-testid="join-error" className="font-medium text-orange-800">
              <span aria-hidden="true">⚠ </span>
              {error}
            </span>
          )}
        </p>
        <button
          type="submit"
          disabled={busy}
          data-testid="join-submit"
          className="rounded-lg bg-indigo-700 px-4 py-3 text-lg font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
        >
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </section>
  );
}
