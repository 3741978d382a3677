import { joinCodeSchema } from '@backprop/contract';
import type { Metadata } from 'next';
import { ProjectorScreen } from '../../../src/show/projector-screen.tsx';

interface ShowProps {
  params: Promise<{ code: string }>;
}

export async function generateMetadata({ params }: ShowProps): Promise<Metadata> {
  const { code } = await params;
  return { title: `Lesson ${code.toUpperCase()}: projector · Backprop Live` };
}

/** The big screen of a lesson: joins as the projector (no secret) and renders what the server sends. */
export default async function ShowPage({ params }: ShowProps) {
  const { code: raw } = await params;
  const parsed = joinCodeSchema.safeParse(decodeURIComponent(raw));
  if (!parsed.success) {
    return (
      <div data-projector className="mx-auto max-w-3xl py-10" data-testid="show-bad-code">
        <h1 className="text-3xl font-bold">That is not a join code</h1>
        <p className="mt-4 text-lg text-slate-800">
          A join code has 6 letters and digits (no 0, O, 1, I or L). Check the address, or{' '}
          <a href="/" className="font-medium text-indigo-800 underline">
            start from the home page
          </a>
          .
        </p>
      </div>
    );
  }
  return <ProjectorScreen code={parsed.data} />;
}
