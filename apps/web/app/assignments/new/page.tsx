import type { Metadata } from 'next';
import { CreateAssignment } from '../../../src/assignments/create-assignment.tsx';

export const metadata: Metadata = { title: 'New homework · Backprop Live' };

export default function NewAssignmentPage() {
  return <CreateAssignment />;
}
