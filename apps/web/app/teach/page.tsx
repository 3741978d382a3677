import type { Metadata } from 'next';
import { CreateLesson } from '../../src/teach/create-lesson.tsx';

export const metadata: Metadata = { title: 'Create a lesson · Backprop Live' };

interface TeachPageProps {
  searchParams: Promise<{ account?: string }>;
}

/** `?account=1` (from the dashboard): the lesson is created with the session and keeps a report. */
export default async function TeachPage({ searchParams }: TeachPageProps) {
  const { account } = await searchParams;
  return <CreateLesson owned={account === '1'} />;
}
