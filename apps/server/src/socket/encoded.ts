// Views already encoded as JSON text, sent as they are. After a reveal the server sends one view
// per student; most of each is the same for the whole class (packages/lesson studentViewJson
// encodes that part once per state). socket.io would encode every view again, and walk it
// looking for binary data, so its encoder is taught one more kind of argument: an EncodedJson is
// written into the packet verbatim. The bytes on the wire are the ones socket.io would have sent
// for the parsed value, so clients (and the contract's LessonView type) see no difference.
import type { LessonView } from '@backprop/contract';
import type { AppServer } from './app-server';

/** JSON text of a `T`, to be written into a packet without encoding it again. */
export class EncodedJson<T> {
  declare private readonly brand: T;
  constructor(readonly json: string) {}
}

type Encoder = AppServer['encoder'];
type Packet = Parameters<Encoder['encode']>[0];

/** socket.io-parser's EVENT packet type. */
const EVENT = 2;

/** The packet as socket.io-parser's encodeAsString writes it, with EncodedJson in place. */
function encodeWithJson(packet: Packet): string | null {
  const data: unknown = packet.data;
  if (packet.type !== EVENT || !Array.isArray(data) || !data.some((d) => d instanceof EncodedJson))
    return null;
  let head = String(EVENT);
  if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
  if (packet.id !== undefined && packet.id !== null) head += packet.id;
  const args = data.map((d) => (d instanceof EncodedJson ? d.json : JSON.stringify(d)));
  return `${head}[${args.join(',')}]`;
}

/** Lets this server's encoder write EncodedJson arguments (every path: sockets, rooms, adapters). */
export function acceptEncodedJson(io: AppServer): void {
  const encoder = io.encoder;
  const encode = encoder.encode.bind(encoder);
  encoder.encode = (packet: Packet) => {
    const text = encodeWithJson(packet);
    return text === null ? encode(packet) : [text];
  };
}

/**
 * Sends an encoded view. Only to this process's own connections (`io.local`, a socket): a
 * broadcast through the cluster adapter would serialise the wrapper, not its text.
 */
export function emitEncodedView(
  target: { emit(event: 'view', view: LessonView): unknown },
  view: EncodedJson<LessonView>,
): void {
  // The encoder writes the text in place (acceptEncodedJson): the client receives a LessonView.
  target.emit('view', view as unknown as LessonView);
}
