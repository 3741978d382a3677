'use client';
/** Sign up or sign in with email and password (better-auth); then on to the page asked for. */
import { PASSWORD_MIN } from '@backprop/contract';
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { ProblemLine } from '../components/problem-line.tsx';
import { authClient } from './auth-client.ts';
import { safeNext } from './safe-next.ts';

const inputClass =
  'mt-1 block w-full rounded-lg border border-slate-500 bg-white px-3 py-2.5 text-base text-slate-900 placeholder:text-slate-500 aria-[invalid=true]:border-rose-700';

type Field = 'name' | 'email' | 'password';

export function AuthForm({ mode, next }: { mode: 'signup' | 'signin'; next?: string }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblemText] = useState<string | null>(null);
  // Which fields the problem is about: marked invalid and described by it (WCAG 3.3.1).
  const [badFields, setBadFields] = useState<readonly Field[]>([]);
  const setProblem = (text: string | null, fields: readonly Field[] = []) => {
    setProblemText(text);
    setBadFields(text ? fields : []);
  };
  const [busy, setBusy] = useState(false);
  const id = useId();
  const signup = mode === 'signup';
  const target = safeNext(next);

  /** A field's problem, said under the form and tied to the field, which takes the focus. */
  const refuse = (text: string, field: Field) => {
    setProblem(text, [field]);
    document.getElementById(`${id}-${field}`)?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (signup && !name.trim()) return refuse('Type your name.', 'name');
    if (!email.includes('@')) return refuse('Type your email address.', 'email');
    if (password.length < PASSWORD_MIN) {
      return refuse(`The password has at least ${PASSWORD_MIN} characters.`, 'password');
    }
    setBusy(true);
    setProblem(null);
    try {
      const client = authClient();
      // Sign-up makes the account but no session (it answers the same whether or not the email
      // already had one); signing in is the second step, and the only one that can fail there.
      const signedUp = signup
        ? await client.signUp.email({ name: name.trim(), email: email.trim(), password })
        : null;
      const { error } = signedUp?.error
        ? signedUp
        : await client.signIn.email({ email: email.trim(), password });
      if (error) {
        const wrong = error.status === 401 || error.code === 'INVALID_EMAIL_OR_PASSWORD';
        const taken =
          error.code === 'USER_ALREADY_EXISTS' ||
          error.code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL';
        setProblem(
          wrong
            ? signup
              ? 'Could not sign in with this email and password. If the email already had an account, sign in with its password.'
              : 'Wrong email or password.'
            : taken
              ? 'There is already an account with this email: sign in instead.'
              : (error.message ?? 'That did not work: try again.'),
          wrong ? ['email', 'password'] : taken ? ['email'] : [],
        );
        setBusy(false);
        return;
      }
      router.push(target);
    } catch {
      setProblem('The server cannot be reached. Check the connection and try again.');
      setBusy(false);
    }
  };

  const problemId = `${id}-problem`;
  /** aria-invalid and aria-describedby for a field: the problem line when it is about it. */
  const described = (field: Field, hint?: string) => {
    const bad = badFields.includes(field);
    const ids = [bad ? problemId : null, hint ?? null].filter(Boolean).join(' ');
    return {
      'aria-invalid': bad || undefined,
      'aria-describedby': ids || undefined,
    } as const;
  };

  return (
    <div className="mx-auto grid max-w-md gap-6 py-4">
      <header className="grid gap-2">
        <h1 className="text-3xl font-bold">
          {signup ? 'Create an instructor account' : 'Sign in'}
        </h1>
        <p className="text-slate-700">
          {signup
            ? 'An account keeps your lessons’ reports and lets you set homework. Students never need one.'
            : 'For instructors: your lessons, homework and reports.'}
        </p>
      </header>
      <form
        onSubmit={onSubmit}
        noValidate
        data-auth
        className="grid gap-4 rounded-xl border border-slate-300 bg-white p-4 sm:p-6"
      >
        {signup && (
          <div>
            <label htmlFor={`${id}-name`} className="font-medium">
              Name
            </label>
            <input
              id={`${id}-name`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
              required
              {...described('name')}
              className={inputClass}
            />
          </div>
        )}
        <div>
          <label htmlFor={`${id}-email`} className="font-medium">
            Email
          </label>
          <input
            id={`${id}-email`}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="email"
            required
            {...described('email')}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor={`${id}-password`} className="font-medium">
            Password
          </label>
          <input
            id={`${id}-password`}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={signup ? 'new-password' : 'current-password'}
            minLength={PASSWORD_MIN}
            required
            {...described('password', `${id}-password-hint`)}
            className={inputClass}
          />
          <p id={`${id}-password-hint`} className="mt-1 text-xs text-slate-600">
            At least {PASSWORD_MIN} characters.
          </p>
        </div>
        <ProblemLine problem={problem} testId="auth-problem" id={problemId} />
        <button
          type="submit"
          disabled={busy}
          data-testid="auth-submit"
          className="rounded-lg bg-indigo-700 px-4 py-3 text-lg font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
        >
          {busy ? 'One moment…' : signup ? 'Create account' : 'Sign in'}
        </button>
      </form>
      <p className="text-slate-800">
        {signup ? 'Already have an account? ' : 'No account yet? '}
        <a
          href={`${signup ? '/signin' : '/signup'}${next ? `?next=${encodeURIComponent(target)}` : ''}`}
          className="font-medium text-indigo-800 underline"
        >
          {signup ? 'Sign in' : 'Create one'}
        </a>
      </p>
    </div>
  );
}
