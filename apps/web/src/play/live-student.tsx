'use client';
/**
 * The connected student: one live connection with the stored player token. Refusals are turned
 * into what the student can do next: a stale token back to the form, a removal explained.
 */
import { useEffect, useState } from 'react';
import type { StoredPlayer } from '../live/credentials.ts';
import { useLesson } from '../live/use-lesson.ts';
import { Connecting } from './connecting.tsx';
import { Kicked, Refused } from './status-screens.tsx';
import { ConnectionBanner, StudentScreen } from './student-screen.tsx';

interface LiveProps {
  code: string;
  player: StoredPlayer;
  onGone: (reason: 'unknown') => void;
  onStaleToken: () => void;
}

/** Retrying after a removal opens a fresh connection (the hook stops after a refusal). */
export function LiveStudent(props: LiveProps) {
  const [attempt, setAttempt] = useState(0);
  return <Connection key={attempt} {...props} onRetry={() => setAttempt((n) => n + 1)} />;
}

function Connection({
  code,
  player,
  onGone,
  onStaleToken,
  onRetry,
}: LiveProps & { onRetry: () => void }) {
  const lesson = useLesson(code, { role: 'student', playerToken: player.playerToken });
  const refusal = lesson.state === 'refused' ? lesson.refusal : null;

  useEffect(() => {
    if (refusal?.code === 'UNKNOWN_PLAYER') onStaleToken();
    if (refusal?.code === 'UNKNOWN_LESSON') onGone('unknown');
  }, [refusal, onStaleToken, onGone]);

  if (refusal) {
    if (refusal.code === 'KICKED') return <Kicked onRetry={onRetry} />;
    if (refusal.code === 'UNKNOWN_PLAYER' || refusal.code === 'UNKNOWN_LESSON')
      return <Connecting />;
    if (refusal.code === 'PROTOCOL_MISMATCH') {
      return <Refused message="The app was updated while you were playing: reload the page." />;
    }
    return <Refused message={refusal.message} />;
  }
  if (lesson.view?.kind !== 'student') {
    return (
      <>
        <ConnectionBanner state={lesson.state === 'reconnecting' ? 'reconnecting' : 'live'} />
        <Connecting />
      </>
    );
  }
  return <StudentScreen view={lesson.view} connection={lesson.state} answer={lesson.answer} />;
}
