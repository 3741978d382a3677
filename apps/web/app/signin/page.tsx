import type { Metadata } from 'next';
import { AuthForm } from '../../src/account/auth-form.tsx';

export const metadata: Metadata = { title: 'Sign in · Backprop Live' };

interface PageProps {
  searchParams: Promise<{ next?: string }>;
}

export default async function Page({ searchParams }: PageProps) {
  const { next } = await searchParams;
  return <AuthForm mode="signin" next={next} />;
}
