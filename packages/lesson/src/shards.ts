/**
 * A record keyed by id, split into buckets by a hash of the key, so that an immutable update
 * copies one small bucket and the two short lists above it instead of the whole record. With
 * 2,000 students, recording one answer copied three 2,000-key records (about 3 ms per answer,
 * several seconds of CPU per question).
 *
 * The shape is two levels of 16 slots over buckets of [key, value] entries: a set copies the
 * bucket (about 20 entries at 5,000 students), its group (16 slots) and the top (16 slots), a few
 * hundred bytes. A flat index of 256 object buckets copied about 3 kB per set, and a class's
 * answers turned into tens of megabytes of copies that lived just long enough to reach V8's old
 * generation: a full garbage collection every few seconds, often during a reveal. Lookups scan
 * one bucket's entries.
 *
 * Still plain JSON data (`[[[["<id>", value], ...], null, ...], null, ...]`): it logs, compares
 * and replays like the rest of the state, and buckets are chosen by the key alone, so a replay
 * builds the same shape.
 */
export type Shards<T> = readonly (ShardGroup<T> | null)[];
type ShardGroup<T> = readonly (Bucket<T> | null)[];
type Bucket<T> = readonly (readonly [key: string, value: T])[];

/** A record with no keys. */
export const NO_SHARDS: Shards<never> = [];

/** Slots per level: 16 × 16 = 256 buckets. */
const FANOUT = 16;

/**
 * A question's answers and answer ids (one per student): 256 buckets keep a bucket at about 20
 * entries at 5,000 students.
 */
const BUCKETS = FANOUT * FANOUT;
/**
 * [L6] The roster's records (players, nickname keys) grow by one per join and are replayed join
 * by join: the same 256 buckets keep a join's copy small up to tens of thousands of students.
 */
export const ROSTER_BUCKETS = BUCKETS;

/** FNV-1a of the key, modulo the bucket count. */
function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

/** `buckets`: the count the record is written with (each record keeps one). */
export function shardGet<T>(shards: Shards<T>, key: string, buckets = BUCKETS): T | undefined {
  const b = bucketOf(key, buckets);
  const bucket = shards[Math.floor(b / FANOUT)]?.[b % FANOUT];
  if (!bucket) return undefined;
  for (const entry of bucket) if (entry[0] === key) return entry[1];
  return undefined;
}

/** A new Shards with `key` set; `shards` is not changed and shares every other bucket. */
export function shardSet<T>(
  shards: Shards<T>,
  key: string,
  value: T,
  buckets = BUCKETS,
): Shards<T> {
  const b = bucketOf(key, buckets);
  const g = Math.floor(b / FANOUT);
  const group = shards[g] ?? null;
  const bucket = group?.[b % FANOUT] ?? null;
  const nextGroup = copyOf(group, FANOUT);
  nextGroup[b % FANOUT] = withEntry(bucket, key, value);
  const next = copyOf(shards, Math.ceil(buckets / FANOUT));
  next[g] = nextGroup;
  return next;
}

/** Every [key, value], in no particular order. */
export function* shardEntries<T>(shards: Shards<T>): Generator<readonly [string, T]> {
  for (const group of shards) {
    if (!group) continue;
    for (const bucket of group) if (bucket) yield* bucket;
  }
}

/** Every bucket that holds a key, with its number (for tests of what an update shares). */
export function* shardBuckets<T>(shards: Shards<T>): Generator<[number, Bucket<T>]> {
  for (const [g, group] of shards.entries()) {
    if (!group) continue;
    for (const [s, bucket] of group.entries()) if (bucket) yield [g * FANOUT + s, bucket];
  }
}

/**
 * A new Shards with every [key, value] of `updates` set, copying each touched bucket and group
 * once (a reveal rescores every student: one copy per bucket, not one per student).
 */
export function shardSetMany<T>(
  shards: Shards<T>,
  updates: Iterable<[string, T]>,
  buckets = BUCKETS,
): Shards<T> {
  const touched = new Map<number, Map<string, T>>();
  for (const [key, value] of updates) {
    const b = bucketOf(key, buckets);
    let changes = touched.get(b);
    if (!changes) {
      changes = new Map();
      touched.set(b, changes);
    }
    changes.set(key, value);
  }
  if (touched.size === 0) return shards;
  const next = copyOf(shards, Math.ceil(buckets / FANOUT));
  const copiedGroups = new Set<number>();
  for (const [b, changes] of touched) {
    const g = Math.floor(b / FANOUT);
    if (!copiedGroups.has(g)) {
      next[g] = copyOf(shards[g] ?? null, FANOUT);
      copiedGroups.add(g);
    }
    const group = next[g] as (Bucket<T> | null)[];
    const bucket = (group[b % FANOUT] ?? []).map(([key, value]): readonly [string, T] =>
      changes.has(key) ? [key, changes.get(key) as T] : [key, value],
    );
    for (const [key, value] of changes) {
      if (!bucket.some((entry) => entry[0] === key)) bucket.push([key, value]);
    }
    group[b % FANOUT] = bucket;
  }
  return next;
}

/** A writable copy of a level, `size` slots long (missing slots null). */
function copyOf<X>(level: readonly (X | null)[] | null, size: number): (X | null)[] {
  const copy = level ? level.slice() : [];
  while (copy.length < size) copy.push(null);
  return copy;
}

/** The bucket with `key` set to `value`: its entry replaced in place, or added at the end. */
function withEntry<T>(bucket: Bucket<T> | null, key: string, value: T): Bucket<T> {
  if (!bucket) return [[key, value]];
  const at = bucket.findIndex((entry) => entry[0] === key);
  const next = bucket.slice();
  if (at >= 0) next[at] = [key, value];
  else next.push([key, value]);
  return next;
}
