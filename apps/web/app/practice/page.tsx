import type { Metadata } from 'next';
import { PracticeScreen } from '../../src/homework/practice-screen.tsx';

export const metadata: Metadata = { title: 'Practice · Backprop Live' };

/** Practice on your own: random numbers, checked in the browser, nothing stored. */
export default function PracticePage() {
  return <PracticeScreen />;
}
