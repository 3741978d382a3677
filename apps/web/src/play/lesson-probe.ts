/**
 * Before a student types a nickname: does this lesson exist, and is it still running? Asked with
 * the projector's credentials (which need no secret) through tRPC's lesson.view, so a wrong or
 * stale code is said at once instead of after the form.
 */
import { ApiError, gameServer } from '../live/api.ts';

export type LessonProbe = 'running' | 'finished' | 'unknown' | 'unreachable';

export async function probeLesson(code: string): Promise<LessonProbe> {
  try {
    const view = await gameServer.query('lesson.view', { code, as: { role: 'projector' } });
    return view.phase === 'finished' ? 'finished' : 'running';
  } catch (error) {
    return error instanceof ApiError && error.code === 'UNKNOWN_LESSON' ? 'unknown' : 'unreachable';
  }
}
