/**
 * A record keyed by id, split into a fixed number of buckets by a hash of the key, so that an
 * immutable update copies one bucket and the bucket index instead of the whole record. With
 * 2,000 students, recording one answer copied three 2,000-key records (about 3 ms per answer,
 * several seconds of CPU per question); it now copies about 2,000 / 256 keys and the index of
 * occupied buckets. Still plain
 * JSON data (`{ "17": { "<id>": value } }`): it logs, compares and replays like the rest of the
 * state, and buckets are chosen by the key alone, so a replay builds the same shape.
 */
export type Shards<T> = Record<string, Record<string, T>>;

/**
 * A question's answers and answer ids (one per student): 256 buckets keep a copy small at 5,000
 * students (about 20 keys a bucket). A bucket over about 64 keys costs several times more to
 * copy (its copy is a dictionary): records that grow with the lesson are kept per student
 * instead (state.answerIds).
 */
const BUCKETS = 256;
/**
 * [L6] The roster's records (players, nickname keys) grow by one per join and are replayed join
 * by join: more, smaller buckets keep a join's copy small up to tens of thousands of students
 * (replaying 10,000 joins: about 180 ms with 64 buckets, about 50 ms with 256).
 */
export const ROSTER_BUCKETS = 256;

/** FNV-1a of the key, modulo the bucket count. */
function bucketOf(key: string, buckets: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return String((h >>> 0) % buckets);
}

/** `buckets`: the count the record is written with (each record keeps one). */
export function shardGet<T>(shards: Shards<T>, key: string, buckets = BUCKETS): T | undefined {
  const bucket = shards[bucketOf(key, buckets)];
  return bucket && Object.hasOwn(bucket, key) ? bucket[key] : undefined;
}

/** A new Shards with `key` set; `shards` is not changed and shares every other bucket. */
export function shardSet<T>(
  shards: Shards<T>,
  key: string,
  value: T,
  buckets = BUCKETS,
): Shards<T> {
  const b = bucketOf(key, buckets);
  return { ...shards, [b]: { ...shards[b], [key]: value } };
}

/** Every [key, value], in no particular order. */
export function* shardEntries<T>(shards: Shards<T>): Generator<[string, T]> {
  for (const b in shards) {
    const bucket = shards[b]!;
    for (const key in bucket) yield [key, bucket[key]!];
  }
}

/**
 * A new Shards with every [key, value] of `updates` set, copying each touched bucket once (a
 * reveal rescores every student: one copy per bucket, not one per student).
 */
export function shardSetMany<T>(
  shards: Shards<T>,
  updates: Iterable<[string, T]>,
  buckets = BUCKETS,
): Shards<T> {
  const next: Shards<T> = { ...shards };
  const copied = new Set<string>();
  for (const [key, value] of updates) {
    const b = bucketOf(key, buckets);
    if (!copied.has(b)) {
      next[b] = { ...shards[b] };
      copied.add(b);
    }
    next[b]![key] = value;
  }
  return copied.size === 0 ? shards : next;
}
