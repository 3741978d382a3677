/** Who is connected to this process, per lesson and student: the roster's `connected`. */
export class Presence {
  private readonly counts = new Map<string, Map<string, number>>();

  add(code: string, playerId: string): void {
    const lesson = this.counts.get(code) ?? new Map<string, number>();
    lesson.set(playerId, (lesson.get(playerId) ?? 0) + 1);
    this.counts.set(code, lesson);
  }

  remove(code: string, playerId: string): void {
    const lesson = this.counts.get(code);
    const n = (lesson?.get(playerId) ?? 0) - 1;
    if (n > 0) lesson?.set(playerId, n);
    else lesson?.delete(playerId);
  }

  /** Whether the student has a live connection here (no copy: asked once per roster entry). */
  has(code: string, playerId: string): boolean {
    return this.counts.get(code)?.has(playerId) ?? false;
  }

  /** The lesson's students connected here, a copy (a class send walks it over many turns). */
  of(code: string): string[] {
    return [...(this.counts.get(code)?.keys() ?? [])];
  }

  /** How many students of the lesson are connected. */
  count(code: string): number {
    return this.counts.get(code)?.size ?? 0;
  }
}
