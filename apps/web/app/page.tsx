import { JOIN_CODE_ALPHABET } from '@backprop/contract';

interface LandingProps {
  searchParams: Promise<{ error?: string }>;
}

/** Join a lesson with its code (large, phone-friendly), or teach one. */
export default async function Landing({ searchParams }: LandingProps) {
  const { error } = await searchParams;
  const badCode = error === 'code';
  return (
    // Every card may shrink below its content's width (min-w-0): the join code input fits a
    // 320 px phone and never overflows its card on a desktop.
    <div className="mx-auto grid max-w-3xl grid-cols-[minmax(0,1fr)] gap-6 py-2 sm:grid-cols-2 sm:gap-8 sm:py-6">
      <section
        aria-labelledby="join-title"
        data-testid="join-card"
        className="min-w-0 rounded-xl border border-slate-300 bg-white p-4 sm:p-6"
      >
        <h1 id="join-title" className="text-2xl font-bold">
          Join a lesson
        </h1>
        <form method="get" action="/join" className="mt-4 grid gap-3">
          <label htmlFor="code" className="text-sm font-medium text-slate-800">
            Join code (6 letters and digits, on the big screen)
          </label>
          <input
            id="code"
            name="code"
            data-testid="join-code-input"
            size={6}
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={6}
            pattern={`[${JOIN_CODE_ALPHABET}${JOIN_CODE_ALPHABET.toLowerCase()}]{6}`}
            aria-invalid={badCode || undefined}
            aria-describedby={badCode ? 'code-error' : undefined}
            className="w-full min-w-0 rounded-lg border border-slate-500 bg-white px-2 py-3 text-center font-mono text-2xl tracking-[0.2em] uppercase placeholder:text-slate-500 aria-[invalid=true]:border-rose-700 sm:text-3xl sm:tracking-[0.3em]"
          />
          {badCode && (
            <p id="code-error" role="alert" className="text-sm font-medium text-rose-800">
              That is not a join code: it has 6 letters and digits (no 0, O, 1, I or L).
            </p>
          )}
          <button
            type="submit"
            data-testid="join-code-submit"
            className="rounded-lg bg-indigo-700 px-4 py-3 text-lg font-semibold text-white hover:bg-indigo-800"
          >
            Join
          </button>
        </form>
      </section>
      <section
        aria-labelledby="teach-title"
        className="min-w-0 rounded-xl border border-slate-300 bg-white p-4 sm:p-6"
      >
        <h2 id="teach-title" className="text-2xl font-bold">
          Teach a lesson
        </h2>
        <p className="mt-3 text-slate-700">
          Run the deck&apos;s training step live: every student predicts each value and gradient
          before you reveal it.
        </p>
        <p className="mt-4 flex flex-wrap gap-3">
          <a
            href="/teach"
            className="rounded-lg bg-slate-900 px-4 py-3 font-semibold text-white hover:bg-slate-700"
          >
            Create a lesson
          </a>
          <a href="/worked-example" className="px-1 py-3 font-medium text-indigo-800 underline">
            The worked example
          </a>
        </p>
      </section>
      <section
        aria-labelledby="more-title"
        className="min-w-0 rounded-xl border border-slate-300 bg-white p-4 sm:col-span-2 sm:p-6"
      >
        <h2 id="more-title" className="text-xl font-bold">
          Practice and homework
        </h2>
        <p className="mt-2 text-slate-700">
          Work through a training step on your own with random numbers, or, as an instructor, sign
          in to set homework and keep your lessons&apos; reports.
        </p>
        <p className="mt-4 flex flex-wrap gap-3">
          <a
            href="/practice"
            className="rounded-lg bg-indigo-700 px-4 py-3 font-semibold text-white hover:bg-indigo-800"
          >
            Practice
          </a>
          <a href="/signin" className="px-1 py-3 font-medium text-indigo-800 underline">
            Instructor sign in
          </a>
          <a href="/signup" className="px-1 py-3 font-medium text-indigo-800 underline">
            Create an instructor account
          </a>
        </p>
      </section>
    </div>
  );
}
