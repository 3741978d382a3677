/**
 * Before a student types a nickname: does this lesson exist, and is it still running? Asked with
 * the projector's credentials (which need no secret) through tRPC's lesson.view, so a wrong or
 * stale code is said at once instead of after the form.
 */
import { serverUrl } from '../live/server-url.ts';

export type LessonProbe = 'running' | 'finished' | 'unknown' | 'unreachable';

export async function probeLesson(code: string): Promise<LessonProbe> {
  const input = encodeURIComponent(JSON.stringify({ code, as: { role: 'projector' } }));
  try {
    const response = await fetch(`${serverUrl()}/trpc/lesson.view?input=${input}`, {
      cache: 'no-store',
    });
    const body = (await response.json()) as {
      result?: { data?: { phase?: string } };
      error?: { data?: { appCode?: string } };
    };
    if (body.result?.data) return body.result.data.phase === 'finished' ? 'finished' : 'running';
    return body.error?.data?.appCode === 'UNKNOWN_LESSON' ? 'unknown' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
