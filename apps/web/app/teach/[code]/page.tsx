import { joinCodeSchema } from '@backprop/contract';
import type { Metadata } from 'next';
import { InstructorConsole } from '../../../src/teach/instructor-console.tsx';

interface ConsolePageProps {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ created?: string }>;
}

export async function generateMetadata({ params }: ConsolePageProps): Promise<Metadata> {
  const { code } = await params;
  return { title: `Lesson ${code.toUpperCase()} · instructor console · Backprop Live` };
}

export default async function ConsolePage({ params, searchParams }: ConsolePageProps) {
  const { code } = await params;
  const { created } = await searchParams;
  const parsed = joinCodeSchema.safeParse(code);
  if (!parsed.success) {
    return (
      <section
        aria-labelledby="bad-code"
        className="mx-auto max-w-xl rounded-xl border border-slate-300 bg-white p-6"
      >
        <h1 id="bad-code" className="text-2xl font-bold">
          No such lesson
        </h1>
        <p className="mt-2 text-slate-700" data-testid="console-refusal">
          &ldquo;{code}&rdquo; is not a join code: a join code has 6 letters and digits.
        </p>
        <p className="mt-4">
          <a href="/teach" className="font-medium text-indigo-800 underline">
            Create a lesson
          </a>
        </p>
      </section>
    );
  }
  return <InstructorConsole code={parsed.data} justCreated={created === '1'} />;
}
