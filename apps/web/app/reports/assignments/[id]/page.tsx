import type { Metadata } from 'next';
import { ReportScreen } from '../../../../src/reports/report-screen.tsx';

export const metadata: Metadata = { title: 'Homework report · Backprop Live' };

interface PageProps {
  params: Promise<{ id: string }>;
}

export default async function AssignmentReportPage({ params }: PageProps) {
  const { id } = await params;
  return <ReportScreen kind="assignment" id={id} />;
}
