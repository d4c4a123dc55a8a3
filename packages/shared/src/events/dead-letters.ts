import type { Redis } from 'ioredis';
import { isUuid } from '../graphql/schema-file';
import type { FailureKind } from './failures';
import type { DomainEvent } from './types';

/** One event a consumer group gave up on, as kept in `<prefix>:dead-letter:<group>`. */
export interface DeadLetter {
  /** Id of the dead-letter entry: what `show`, `replay` and `discard` take. */
  id: string;
  group: string;
  /** Stream and entry the event was read from. */
  stream: string;
  streamId: string;
  eventId: string | undefined;
  type: string | undefined;
  attempts: number;
  /**
   * `malformed`, `transient` or `waiting` (retried for the whole retry window), `failed` or `unreadable`.
   */
  reason: string;
  error: string;
  /** How often an operator replayed it before it was dead-lettered again (0: never). */
  replays: number;
  deadLetteredAt: string;
  /** Undefined when the entry could not be parsed as an event. */
  event: DomainEvent | undefined;
}

/**
 * Where a replayed event first came from, carried by its replay entry: when it fails again, its dead letter names
 * that stream and entry (the replay entry is deleted), its attempts there counted in, and how often it was replayed.
 */
export interface ReplayOrigin {
  stream: string;
  streamId: string;
  attempts: number;
  replays: number;
}

/** The origin a replay entry's fields carry (REPLAY_SCRIPT writes them), or undefined for any other entry. */
export function replayOriginOf(fields: string[]): ReplayOrigin | undefined {
  const map = fieldMap(fields);
  const stream = map.get('stream');
  const streamId = map.get('id');
  if (!stream || !streamId) return undefined;
  return { stream, streamId, attempts: Number(map.get('attempts') || 0), replays: Number(map.get('replays') || 1) };
}

export interface DeadLetterInput {
  /** Stream and entry the event was read from, acknowledged with the dead letter. */
  stream: string;
  streamId: string;
  /** For an event read from a replay stream: where it first came from (what the dead letter names). */
  origin?: ReplayOrigin;
  /** The event as it was read (its JSON; unparseable for `unreadable`). */
  raw: string;
  reason: FailureKind | 'unreadable';
  error: string;
  attempts: number;
}

type StreamEntry = [id: string, fields: string[]];

/** Key names shared by the bus, its consumers and the operator's CLI. */
export function eventKeys(prefix: string) {
  return {
    stream: (type: string) => `${prefix}:events:${type}`,
    deadLetters: (group: string) => `${prefix}:dead-letter:${group}`,
    /** Replayed dead letters of one group: only that group reads it. */
    replay: (group: string) => `${prefix}:replay:${group}`,
    /** Highest outbox seq of one producer whose event this Redis holds. */
    outboxPosition: (source: string) => `${prefix}:outbox-position:${source}`,
  };
}

const MAX_ERROR_LENGTH = 2000;

/**
 * Moves dead letter ARGV[1] of KEYS[1] to the replay stream KEYS[2] if it is still there; 1 if it moved.
 * Its `event` field is copied as it is (entries never change, so it is the one the caller checked).
 */
const REPLAY_SCRIPT = `
local entry = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])[1]
if not entry then return 0 end
local groups = redis.pcall('XINFO', 'GROUPS', KEYS[2])
local read = false
if type(groups) == 'table' and not groups.err then
  for _, g in ipairs(groups) do
    for i = 1, #g, 2 do
      if g[i] == 'name' and g[i + 1] == ARGV[2] then read = true end
    end
  end
end
if not read then return -1 end
local fields = {}
for i = 1, #entry[2], 2 do fields[entry[2][i]] = entry[2][i + 1] end
if not fields['event'] then return 0 end
redis.call('XADD', KEYS[2], '*', 'event', fields['event'], 'replayOf', entry[1],
  'stream', fields['stream'] or '', 'id', fields['id'] or '', 'attempts', fields['attempts'] or '0',
  'replays', tostring((tonumber(fields['replays']) or 0) + 1))
redis.call('XDEL', KEYS[1], entry[1])
return 1`;

/** Dead letters read from Redis at a time (each holds its whole event). */
const DEAD_LETTER_PAGE = 100;

/** The dead letters of every consumer group under one key prefix. */
export class DeadLetterStore {
  private readonly keys: ReturnType<typeof eventKeys>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.keys = eventKeys(prefix);
  }

  /**
   * Keeps `input` as a dead letter of `group`. With `acknowledge`, the event is acknowledged for that group
   * in the same MULTI (and deleted from its stream with `deleteAfter`, for a group's own replay stream):
   * either both happen or neither, so a crash between them cannot dead-letter one event twice.
   */
  async add(
    group: string,
    input: DeadLetterInput,
    acknowledge?: { group: string; deleteAfter?: boolean },
  ): Promise<string> {
    const event = parseEvent(input.raw);
    const { origin } = input;
    const fields = [
      'stream',
      origin?.stream ?? input.stream,
      'id',
      origin?.streamId ?? input.streamId,
      'eventId',
      event?.id ?? '',
      'type',
      event?.type ?? '',
      'attempts',
      String(input.attempts + (origin?.attempts ?? 0)),
      'replays',
      String(origin?.replays ?? 0),
      'reason',
      input.reason,
      'error',
      // The error's message, not whatever a handler put in it: a dead letter stays until an operator acts.
      input.error.length > MAX_ERROR_LENGTH ? `${input.error.slice(0, MAX_ERROR_LENGTH)}…` : input.error,
      'event',
      input.raw,
    ];
    if (!acknowledge) return (await this.redis.xadd(this.keys.deadLetters(group), '*', ...fields)) ?? '';
    const transaction = this.redis.multi().xadd(this.keys.deadLetters(group), '*', ...fields);
    transaction.xack(input.stream, acknowledge.group, input.streamId);
    if (acknowledge.deleteAfter) transaction.xdel(input.stream, input.streamId);
    const replies = await transaction.exec();
    if (!replies) throw new Error('dead letter transaction was discarded');
    const failure = replies.find(([error]) => error)?.[0];
    if (failure) throw failure;
    return String(replies[0]![1] ?? '');
  }

  /** Groups that have dead letters. */
  async groups(): Promise<string[]> {
    const base = this.keys.deadLetters('');
    const found = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${base}*`, 'COUNT', 200);
      cursor = next;
      for (const key of keys) if ((await this.redis.xlen(key)) > 0) found.add(key.slice(base.length));
    } while (cursor !== '0');
    return [...found].sort();
  }

  /**
   * A group's dead letters, oldest first, `size` at a time: they are never trimmed, and a bad deploy can leave tens of
   * thousands, each with its whole event; read at once, Redis would build and buffer one reply of them all.
   */
  async *pages(group: string, size = DEAD_LETTER_PAGE): AsyncGenerator<DeadLetter[]> {
    let start = '-';
    for (;;) {
      const entries = (await this.redis.xrange(
        this.keys.deadLetters(group),
        start,
        '+',
        'COUNT',
        size,
      )) as StreamEntry[];
      if (entries.length > 0) yield entries.map((entry) => toDeadLetter(group, entry));
      if (entries.length < size) return;
      start = `(${entries[entries.length - 1]![0]}`;
    }
  }

  /** A group's dead letters, oldest first (read a page at a time). */
  async list(group: string): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    for await (const page of this.pages(group)) letters.push(...page);
    return letters;
  }

  async get(group: string, id: string): Promise<DeadLetter | undefined> {
    const [entry] = (await this.redis.xrange(this.keys.deadLetters(group), id, id)) as StreamEntry[];
    return entry ? toDeadLetter(group, entry) : undefined;
  }

  /**
   * Hands the event back to this group alone, through its replay stream, and removes the dead
   * letter. The group's consumer applies it once: consumers record applied event ids, and a
   * dead-lettered event was never recorded (its handler's transaction rolled back). Atomic in Redis: of
   * two replays of one letter at once (two operators, a retried command) one hands it back, the other
   * finds it gone. A letter whose event cannot be read is not handed back (`unreadable`): its consumer
   * would only dead-letter it again; nor is one of a group that does not read its replay stream (`unread`: a group no
   * longer deployed, deleted): the event would sit there, applied by nobody, the dead letter gone.
   */
  async replay(group: string, id: string): Promise<DeadLetter | 'unreadable' | 'unread' | undefined> {
    const letter = await this.get(group, id);
    if (!letter) return undefined;
    if (!letter.event) return 'unreadable';
    const moved = await this.redis.eval(
      REPLAY_SCRIPT,
      2,
      this.keys.deadLetters(group),
      this.keys.replay(group),
      id,
      group,
    );
    if (moved === -1) return 'unread';
    return moved === 1 ? letter : undefined;
  }

  async discard(group: string, id: string): Promise<boolean> {
    return (await this.redis.xdel(this.keys.deadLetters(group), id)) === 1;
  }
}

/** A stream entry's fields as name → value (they come as a flat list of pairs). */
export function fieldMap(fields: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  return map;
}

/**
 * A stream entry's event: JSON of an object with a uuid `id` (what the consumers record it as applied by) and a string
 * `type`. Anything else (`null`, a number, an array, another id: a producer's bug, an entry written by hand) throws,
 * and the entry is dead-lettered as unreadable at once (it could never be recorded, so never applied).
 */
export function readEvent(raw: string): DomainEvent {
  const event: unknown = JSON.parse(raw);
  if (
    !event ||
    typeof event !== 'object' ||
    Array.isArray(event) ||
    typeof (event as DomainEvent).id !== 'string' ||
    !isUuid((event as DomainEvent).id) ||
    typeof (event as DomainEvent).type !== 'string'
  )
    throw new Error('not an event: an object with a uuid id and a string type');
  return event as DomainEvent;
}

/** The dead letter's event as its consumer would read it (readEvent); undefined when it could not. */
function parseEvent(raw: string): DomainEvent | undefined {
  try {
    return readEvent(raw);
  } catch {
    return undefined;
  }
}

function toDeadLetter(group: string, [id, fields]: StreamEntry): DeadLetter {
  const map = fieldMap(fields);
  const field = (name: string) => map.get(name) ?? '';
  return {
    id,
    group,
    stream: field('stream'),
    streamId: field('id'),
    eventId: field('eventId') || undefined,
    type: field('type') || undefined,
    attempts: Number(field('attempts') || 0),
    reason: field('reason'),
    error: field('error'),
    replays: Number(field('replays') || 0),
    deadLetteredAt: new Date(Number(id.split('-')[0])).toISOString(),
    event: parseEvent(field('event')),
  };
}
