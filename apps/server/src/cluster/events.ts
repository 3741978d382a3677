// What the server processes tell each other, as socket.io server-side events over the adapter
// (Redis pub/sub). Small on purpose: the database's log stays the only source of a lesson's state.
export interface ClusterEvents {
  /** Students connected to or left a process (at most one notice per lesson per 100 ms per 500 students). */
  presenceChanged: (code: string) => void;
  /** Asked by a process with staff screens: the students of the lesson connected to this one. */
  presenceOf: (code: string, reply: (playerIds: string[]) => void) => void;
}
