'use client';
/**
 * The student's page: a stored player token connects at once (a reload or a return lands in the
 * same place with the same score); without one, the nickname form. Refusals end here: a stale
 * token goes back to the form, a removed student sees why.
 */
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useState } from 'react';
import { credentials, type StoredPlayer } from '../live/credentials.ts';
import { Connecting } from './connecting.tsx';
import { JoinForm } from './join-form.tsx';
import { LessonFinished, UnknownLesson } from './status-screens.tsx';

/**
 * The live part (socket.io client, the question screens) is its own chunk, fetched as soon as
 * the page runs: the join form is usable before it arrives, and the page's first load stays
 * within its budget (apps/web/scripts/page-weight.mjs prints both figures).
 */
const loadLive = () => import('./live-student.tsx');
const LiveStudent = dynamic(() => loadLive().then((m) => m.LiveStudent), {
  ssr: false,
  loading: () => <Connecting />,
});

type Stage =
  | { kind: 'starting' }
  | { kind: 'join'; notice: string | null }
  | { kind: 'playing'; player: StoredPlayer }
  | { kind: 'unknown' }
  | { kind: 'finished' };

export function PlayScreen({ code }: { code: string }) {
  const [stage, setStage] = useState<Stage>({ kind: 'starting' });

  // localStorage is read after mounting: the server-rendered HTML cannot know it.
  useEffect(() => {
    void loadLive();
    const player = credentials.player(code);
    setStage(player ? { kind: 'playing', player } : { kind: 'join', notice: null });
  }, [code]);

  const onJoined = useCallback((player: StoredPlayer) => setStage({ kind: 'playing', player }), []);
  const onGone = useCallback(
    (reason: 'unknown' | 'finished') => {
      if (reason === 'unknown') credentials.forgetPlayer(code);
      setStage({ kind: reason });
    },
    [code],
  );
  const onStaleToken = useCallback(() => {
    credentials.forgetPlayer(code);
    setStage({
      kind: 'join',
      notice: 'This browser’s place in the lesson was not found. Join again with a nickname.',
    });
  }, [code]);

  switch (stage.kind) {
    case 'starting':
      return <Connecting />;
    case 'join':
      return <JoinForm code={code} notice={stage.notice} onJoined={onJoined} onGone={onGone} />;
    case 'playing':
      return (
        <LiveStudent
          code={code}
          player={stage.player}
          onGone={onGone}
          onStaleToken={onStaleToken}
        />
      );
    case 'unknown':
      return <UnknownLesson code={code} />;
    case 'finished':
      return <LessonFinished />;
  }
}
