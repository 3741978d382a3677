// What the server processes tell each other, as socket.io server-side events over the adapter
// (Redis pub/sub). Small on purpose: the database's log stays the only source of a lesson's state.
export interface ClusterEvents {
  /** A process appended the lesson's log up to `version`: the others fold in its tail. */
  lessonChanged: (code: string, version: number) => void;
  /** A student connected to or left a process: staff screens elsewhere recount the roster. */
  presenceChanged: (code: string) => void;
}
