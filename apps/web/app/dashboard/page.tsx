import type { Metadata } from 'next';
import { Dashboard } from '../../src/account/dashboard.tsx';

export const metadata: Metadata = { title: 'Your classes · Backprop Live' };

export default function DashboardPage() {
  return <Dashboard />;
}
