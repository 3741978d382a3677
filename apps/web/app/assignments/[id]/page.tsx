import type { Metadata } from 'next';
import { AssignmentDetail } from '../../../src/assignments/assignment-detail.tsx';

export const metadata: Metadata = { title: 'Homework · Backprop Live' };

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}

export default async function AssignmentPage({ params, searchParams }: PageProps) {
  const { id } = await params;
  const { created } = await searchParams;
  return <AssignmentDetail id={id} created={created === '1'} />;
}
