// Who gets a fresh view after a change, and when. Most changes concern the whole class and go
// to every screen at once. An accepted answer concerns only its student (their own answer), the
// instructor and the projector (the count and the distribution): the class is not sent 2,000
// views for it. The instructor's and projector's views (the roster, the distribution) are
// refreshed at most every `screensMs` for answers and connections, and the students' at most
// every `classMs` for joins (the player count): a burst of answers or joins costs a few views,
// not one per student per event. Every view is still `viewFor` the viewer's state; students'
// views go out as JSON text whose shared part is encoded once per state (encoded.ts).
//
// A whole-class send is cut into slices of `sliceMs` (a 2,000-student class takes ~150 ms of
// socket writes) so the event loop keeps reading commands and answers in between: a reveal that
// arrives while the lock is still going out is not queued behind it. A newer whole-class change
// replaces the send in progress (every student gets the newest view; the older one would be
// out of date on arrival), and each slice reads the lesson's current state, so a student's
// views arrive in version order.
import type { LessonView, TrainingFrame } from '@backprop/contract';
import { type LessonEvent, playerCount } from '@backprop/lesson';
import type { Clock } from '../lessons/clock';
import type { LessonEmitter, LiveLesson } from '../lessons/runner';
import type { LessonViews } from '../lessons/views';
import type { AppServer } from './app-server';
import { EncodedJson, emitEncodedView } from './encoded';
import type { Presence } from './presence';
import { rooms } from './rooms';

export interface FanOutOptions {
  /**
   * Longest delay of the instructor's and projector's view after an answer or a connection, per
   * started `screensPer` students of the lesson (every process's: the roster is all of them):
   * their views carry the whole roster (2,000 entries, about 600 kB), so a large class's screens
   * are refreshed a little less often (every 100 ms up to 500 students, 400 ms at 2,000, 1 s at
   * 5,000) instead of costing a core.
   */
  screensMs: number;
  screensPer: number;
  /**
   * Longest delay of the students' views after a join (their player count), per started
   * `screensPer` students: 1 s up to 500, 4 s at 2,000, 10 s at 5,000.
   */
  classMs: number;
  /** Longest run of students' views written before the event loop gets a turn. */
  sliceMs: number;
}

const DEFAULTS: FanOutOptions = {
  screensMs: 100,
  screensPer: 500,
  classMs: 1000,
  sliceMs: 10,
};

/** Events whose news is for their own student and the staff's screens only. */
const isQuiet = (event: LessonEvent): boolean =>
  event.type === 'answerAccepted' || event.type === 'playerJoined';

/** Events that change only what the staff's screens show (display options, snapshots). */
const isStaffOnly = (event: LessonEvent): boolean =>
  event.type === 'displayChanged' ||
  event.type === 'snapshotShown' ||
  event.type === 'snapshotHidden';

type Pending = 'screens' | 'class';

/** A whole-class send in progress: the students still to get a view, then maybe the screens. */
interface ClassSend {
  readonly playerIds: readonly string[];
  next: number;
  screens: boolean;
  resume: unknown;
}

/**
 * The runner's emit port over socket.io: views to each screen concerned, frames to all. Views go
 * to this process's own connections (`here`, `io.local`): with several processes each one sends
 * them to its own when it learns of a change (cluster/). Built once per server.
 */
export class FanOut implements LessonEmitter {
  private readonly timers = new Map<string, unknown>();
  private readonly sends = new Map<string, ClassSend>();
  /** Who waits for a lesson's whole-class send to finish (`sent`). */
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly options: FanOutOptions;

  constructor(
    private readonly io: AppServer,
    private readonly views: LessonViews,
    /** This process's students: with several processes each sends views to its own (cluster/). */
    private readonly here: Presence,
    private readonly clock: Clock,
    options: Partial<FanOutOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** After an accepted command (or entries folded in from the log): views, then kicks. */
  changed(lesson: LiveLesson, events: readonly LessonEvent[]): void {
    this.sendViews(lesson, events);
    // After their `kicked` view (sent first by views_): a removed student's connections close.
    for (const event of events) {
      if (event.type === 'playerKicked') {
        this.io.in(rooms.player(lesson.record.code, event.playerId)).disconnectSockets(true);
      }
    }
  }

  /** A fast-forward's frame, to every screen of the lesson (every process: the adapter). */
  frame(lesson: LiveLesson, frame: TrainingFrame): void {
    this.io.to(rooms.all(lesson.record.code)).emit('frame', frame);
  }

  private sendViews(lesson: LiveLesson, events: readonly LessonEvent[]): void {
    if (events.length > 0 && events.every(isQuiet)) {
      for (const event of events) {
        if (event.type === 'answerAccepted') this.student(lesson, event.playerId, event.answerId);
      }
      this.later(lesson, 'screens');
      // The player count, for the class: not while a question is on, whose next change (lock,
      // reveal, next) brings it anyway. Late joiners arrive in the first question, and at 5,000
      // students this send is 5,000 views in the middle of the class's answers.
      if (events.some((e) => e.type === 'playerJoined') && lesson.state.phase !== 'question')
        this.later(lesson, 'class');
      return;
    }
    if (events.length > 0 && events.every(isStaffOnly)) {
      // Nothing a student sees changed: the screens now, the class not at all.
      this.cancel(lesson.record.code, 'screens');
      this.screens(lesson);
      return;
    }
    this.cancel(lesson.record.code, 'screens');
    this.cancel(lesson.record.code, 'class');
    // A removed student is disconnected right after this call: their view (`kicked`) goes now.
    for (const event of events) {
      if (event.type === 'playerKicked') this.student(lesson, event.playerId);
    }
    // After a reveal the class first: every student waits for their own result, and the staff's
    // views carry the whole roster (tens of ms at 2,000 students). After any other change the
    // staff's screens first: the instructor who paused, opened or locked waits for the console
    // to say so, and behind 5,000 students' views that took 0.6-0.8 s (pnpm bench:console).
    if (events.some((e) => e.type === 'questionRevealed')) {
      this.everyStudent(lesson, { screens: true });
      return;
    }
    this.screens(lesson);
    this.everyStudent(lesson);
  }

  /** Resolves once the lesson's whole-class send in progress, if any, has reached everyone. */
  sent(lesson: LiveLesson): Promise<void> {
    const { code } = lesson.record;
    if (!this.sends.has(code)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.waiting.get(code) ?? [];
      waiters.push(resolve);
      this.waiting.set(code, waiters);
    });
  }

  /** A student connected or left: the roster's `connected`. */
  presenceChanged(lesson: LiveLesson): void {
    this.later(lesson, 'screens');
  }

  private later(lesson: LiveLesson, what: Pending): void {
    const key = `${what}:${lesson.record.code}`;
    if (this.timers.has(key)) return;
    const { screensMs, screensPer, classMs } = this.options;
    const students = playerCount(lesson.state);
    const timer = this.clock.setTimeout(
      () => {
        this.timers.delete(key);
        if (what === 'screens') this.screens(lesson);
        else this.everyStudent(lesson);
      },
      // Both per started `screensPer` students: a large class joining at once costs every
      // student's view once a second per 500 of them (5,000 joins: every 10 s), not every second.
      (what === 'screens' ? screensMs : classMs) * Math.max(1, Math.ceil(students / screensPer)),
    );
    this.timers.set(key, timer);
  }

  private cancel(code: string, what: Pending): void {
    const key = `${what}:${code}`;
    this.clock.clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private screens(lesson: LiveLesson): void {
    const { code } = lesson.record;
    const occupied = this.io.of('/').adapter.rooms;
    for (const role of ['instructor', 'projector'] as const) {
      const room = role === 'instructor' ? rooms.staff(code) : rooms.projector(code);
      // Nobody on that screen here: no view to build (a projector is often not opened).
      if (!occupied.get(room)?.size) continue;
      // Encoded here, once: socket.io would otherwise also walk the roster (2,000 entries)
      // looking for binary data before encoding it.
      const view = JSON.stringify(this.views.of(lesson, { code, role }));
      emitEncodedView(this.io.local.to(room), new EncodedJson<LessonView>(view));
    }
  }

  /**
   * Written to the student's sockets directly, not through a room broadcast (the adapter's
   * per-call work was about a tenth of a 2,000-student fan-out). After an answer, not to the
   * connection that sent it: its acknowledgement carries the stored answer (FO1).
   */
  private student(lesson: LiveLesson, playerId: string, answerId?: string): void {
    const { code } = lesson.record;
    const nsp = this.io.of('/');
    let view: EncodedJson<LessonView> | null = null;
    for (const id of nsp.adapter.rooms.get(rooms.player(code, playerId)) ?? []) {
      const socket = nsp.sockets.get(id);
      if (!socket || (answerId !== undefined && socket.data.answering?.has(answerId))) continue;
      view ??= new EncodedJson<LessonView>(this.views.studentJson(lesson, playerId));
      emitEncodedView(socket, view);
    }
  }

  /** Starts a whole-class send, replacing the lesson's send in progress. */
  private everyStudent(lesson: LiveLesson, { screens = false } = {}): void {
    const { code } = lesson.record;
    const previous = this.sends.get(code);
    if (previous && previous.resume !== null) this.clock.clearImmediate(previous.resume);
    const send: ClassSend = {
      playerIds: this.here.of(code),
      next: 0,
      screens: screens || (previous?.screens ?? false),
      resume: null,
    };
    this.sends.set(code, send);
    this.continueSend(lesson, send);
  }

  private continueSend(lesson: LiveLesson, send: ClassSend): void {
    send.resume = null;
    // The slice is measured in work done (a monotonic timer), not in the clock's time.
    const until = performance.now() + this.options.sliceMs;
    while (send.next < send.playerIds.length) {
      this.student(lesson, send.playerIds[send.next++] as string);
      if (send.next < send.playerIds.length && performance.now() >= until) {
        // setImmediate: after the poll phase, so pending reads (commands, answers) run first.
        send.resume = this.clock.setImmediate(() => this.continueSend(lesson, send));
        return;
      }
    }
    const { code } = lesson.record;
    this.sends.delete(code);
    if (send.screens) this.screens(lesson);
    const waiters = this.waiting.get(code);
    this.waiting.delete(code);
    for (const resolve of waiters ?? []) resolve();
  }
}
