/**
 * The co-host token arrives once, when the lesson is created; the console keeps it (this
 * browser's localStorage, a key of its own) so it can show the co-host link again.
 */
const key = (code: string) => `backprop-teach:${code.toUpperCase()}:cohost`;

export function saveCohostToken(code: string, token: string): void {
  try {
    window.localStorage.setItem(key(code), token);
  } catch {
    // Without storage the link is only shown right after creation.
  }
}

export function cohostToken(code: string): string | null {
  try {
    return window.localStorage.getItem(key(code));
  } catch {
    return null;
  }
}
