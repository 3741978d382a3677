import type { Metadata } from 'next';
import { StudentNumbers } from '../../../../../src/assignments/student-numbers.tsx';

export const metadata: Metadata = { title: 'A student’s numbers · Backprop Live' };

interface PageProps {
  params: Promise<{ id: string; studentId: string }>;
}

export default async function StudentNumbersPage({ params }: PageProps) {
  const { id, studentId } = await params;
  return <StudentNumbers id={id} studentId={decodeURIComponent(studentId)} />;
}
