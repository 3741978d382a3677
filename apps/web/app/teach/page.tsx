import type { Metadata } from 'next';
import { CreateLesson } from '../../src/teach/create-lesson.tsx';

export const metadata: Metadata = { title: 'Create a lesson · Backprop Live' };

export default function TeachPage() {
  return <CreateLesson />;
}
