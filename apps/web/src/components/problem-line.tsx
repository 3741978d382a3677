/**
 * What is wrong with a form, under its fields. The live region is always there (empty when all
 * is well), so a screen reader announces the message when it appears without moving the focus.
 */
export function ProblemLine({
  problem,
  testId,
  id,
  className = 'font-medium text-rose-800',
}: {
  problem: string | null;
  /** On the message itself, present only while there is one. */
  testId: string;
  /** For the control's aria-describedby. */
  id?: string;
  className?: string;
}) {
  return (
    <p id={id} aria-live="polite" className={className}>
      {problem && (
        <span data-testid={testId}>
          <span aria-hidden="true">⚠ </span>
          {problem}
        </span>
      )}
    </p>
  );
}
