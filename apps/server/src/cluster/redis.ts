import { createClient } from 'redis';

// RESP2: the replies (XREAD, XRANGE) in the shapes the socket.io Redis Streams adapter reads.
export const redisClient = (url: string) => createClient({ url, RESP: 2 });
export type Redis = ReturnType<typeof redisClient>;
