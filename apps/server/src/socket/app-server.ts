// The socket.io server's types: the contract's event maps, the processes' own events, and what
// a connection carries once its handshake is verified.
import type { ClientToServerEvents, ServerToClientEvents } from '@backprop/contract';
import type { Server, Socket } from 'socket.io';
import type { ClusterEvents } from '../cluster/events';
import type { Identity } from '../lessons/views';

export interface SocketData {
  /** Null for a connection without a lesson handshake: it may only ask for health. */
  identity: Identity | null;
  /**
   * Answer ids this connection sent and is waiting to acknowledge: their acknowledgement carries
   * the stored answer, so the fan-out sends this connection no view for them (FO1).
   */
  answering?: Set<string>;
}

export type AppServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  ClusterEvents,
  SocketData
>;
export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  ClusterEvents,
  SocketData
>;
