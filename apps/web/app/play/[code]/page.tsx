import { joinCodeSchema } from '@backprop/contract';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PlayScreen } from '../../../src/play/play-screen.tsx';
import { UnknownLesson } from '../../../src/play/status-screens.tsx';

export const metadata: Metadata = { title: 'Play: Backprop Live' };

interface PlayPageProps {
  params: Promise<{ code: string }>;
}

/** The student's page for one lesson: join with a nickname, then answer every question live. */
export default async function PlayPage({ params }: PlayPageProps) {
  const { code } = await params;
  const raw = decodeURIComponent(code);
  const parsed = joinCodeSchema.safeParse(raw);
  if (!parsed.success) return <UnknownLesson code={raw} />;
  // One address per lesson (the stored token is keyed by the upper-case code).
  if (parsed.data !== raw) redirect(`/play/${parsed.data}`);
  return <PlayScreen code={parsed.data} />;
}
