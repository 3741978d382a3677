/** While the connection opens (or the live chunk loads). */
export function Connecting() {
  return (
    <p role="status" data-testid="connecting" className="py-10 text-center text-slate-700">
      Connecting to the lesson…
    </p>
  );
}
