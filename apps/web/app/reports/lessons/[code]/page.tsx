import type { Metadata } from 'next';
import { ReportScreen } from '../../../../src/reports/report-screen.tsx';

export const metadata: Metadata = { title: 'Lesson report · Backprop Live' };

interface PageProps {
  params: Promise<{ code: string }>;
}

export default async function LessonReportPage({ params }: PageProps) {
  const { code } = await params;
  return <ReportScreen kind="lesson" id={decodeURIComponent(code).toUpperCase()} />;
}
