import type { Metadata } from 'next';
import { AuthForm } from '../../src/account/auth-form.tsx';

export const metadata: Metadata = { title: 'Create an account · Backprop Live' };

interface PageProps {
  searchParams: Promise<{ next?: string }>;
}

export default async function Page({ searchParams }: PageProps) {
  const { next } = await searchParams;
  return <AuthForm mode="signup" next={next} />;
}
