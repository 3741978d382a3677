import { assignmentIdSchema } from '@backprop/contract';
import type { Metadata } from 'next';
import { HomeworkScreen } from '../../../src/homework/homework-screen.tsx';

export const metadata: Metadata = { title: 'Homework · Backprop Live' };

interface HomeworkPageProps {
  params: Promise<{ id: string }>;
}

/** The student's share link: start, continue with the resume code, answer question by question. */
export default async function HomeworkPage({ params }: HomeworkPageProps) {
  const { id } = await params;
  if (!assignmentIdSchema.safeParse(id).success) {
    return (
      <div className="mx-auto grid max-w-xl gap-3 py-6">
        <h1 className="text-2xl font-bold">Homework not found</h1>
        <p className="text-slate-800">
          This link has no homework behind it: check it with your instructor.
        </p>
      </div>
    );
  }
  return <HomeworkScreen assignmentId={id} />;
}
