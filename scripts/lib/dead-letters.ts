import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { DeadLetterStore, type DeadLetter } from '../../packages/shared/src/events/dead-letters';
import { PROCESSED_EVENTS_RETENTION_MS } from '../../packages/shared/src/server/event-runtime';

export const eventsUsage = `usage: npm run events -- dead-letters <list|show|replay|discard>
         [--group g] [--id id] [--prefix busline] [--force] [--limit n]
  list     dead letters of one group (--group) or of every group, oldest first, printed as they are read (at most
           --limit of them per group)
  show     one dead letter with its event (--group, --id)
  replay   hand it back to that group's consumer, which applies it once (--group, --id); an event older than
           the consumers' 30-day record of applied events needs --force (it would be applied again if it had been)
  discard  delete it (--group, --id)
Needs REDIS_URL (services mode); the key prefix is EVENT_PREFIX or busline.`;

export interface EventsCliIo {
  out(text: string): void;
  err(text: string): void;
}

/** `npm run events -- dead-letters …`; returns the exit code. */
export async function runEventsCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: EventsCliIo,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        group: { type: 'string' },
        id: { type: 'string' },
        prefix: { type: 'string' },
        force: { type: 'boolean' },
        limit: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${eventsUsage}`);
    return 2;
  }
  const [topic, action] = parsed.positionals;
  const { group, id } = parsed.values;
  if (topic !== 'dead-letters' || !['list', 'show', 'replay', 'discard'].includes(action ?? '')) {
    io.err(eventsUsage);
    return 2;
  }
  if (action !== 'list' && (!group || !id)) {
    io.err(`${action} needs --group and --id\n${eventsUsage}`);
    return 2;
  }
  const limit = parsed.values.limit === undefined ? Infinity : Number(parsed.values.limit);
  if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0))) {
    io.err(`--limit takes a whole number of dead letters above 0, not ${parsed.values.limit}`);
    return 2;
  }
  if (id !== undefined && !/^\d+-\d+$/.test(id)) {
    io.err(`${id} is not a dead letter's id: ids look like 1733312345678-0 (\`list\` shows them)`);
    return 2;
  }
  if (!env.REDIS_URL) {
    io.err('REDIS_URL is not set: dead letters live in Redis (services mode); the in-memory bus only logs them.');
    return 2;
  }
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  // Errors reach the operator through the commands that fail; ioredis would print each again.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    io.err(`cannot reach Redis: ${(error as Error).message}`);
    return 1;
  }
  try {
    const store = new DeadLetterStore(redis, parsed.values.prefix ?? env.EVENT_PREFIX ?? 'busline');
    switch (action) {
      case 'list': {
        // One group after another, a page at a time, each printed as it is read: a backlog of tens of thousands is
        // never held whole, in Redis's reply or here.
        let listed = 0;
        for (const each of group ? [group] : await store.groups()) {
          let ofGroup = 0;
          for await (const page of store.pages(each)) {
            const shown = page.slice(0, limit - ofGroup);
            io.out(shown.map(describe).join('\n'));
            ofGroup += shown.length;
            if (ofGroup >= limit) break;
          }
          listed += ofGroup;
        }
        if (listed === 0) io.out('no dead letters');
        return 0;
      }
      case 'show': {
        const letter = await store.get(group!, id!);
        if (!letter) return notFound(io, group!, id!);
        io.out(JSON.stringify(letter, null, 2));
        return 0;
      }
      case 'replay': {
        const found = await store.get(group!, id!);
        if (!found) return notFound(io, group!, id!);
        if (!found.event) return unreadable(io, id!);
        // From the earlier of when it occurred and when it was dead-lettered. A producer's clock ahead (an
        // occurredAt to come) says nothing of how long ago a copy may have been applied: unknown, as if old.
        const deadLettered = Date.parse(found.deadLetteredAt);
        const occurred = Date.parse(found.event.occurredAt ?? found.deadLetteredAt);
        const since = occurred > Date.now() ? Number.NaN : Math.min(occurred, deadLettered);
        const when = Number.isNaN(since)
          ? `unknown time (it says ${found.event.occurredAt})`
          : new Date(since).toISOString();
        if (!parsed.values.force && !(Date.now() - since < PROCESSED_EVENTS_RETENTION_MS)) {
          io.err(
            `${id} is an event of ${when}: the consumers remember the events ` +
              'they applied for 30 days, so if this one was applied since it was dead-lettered it would be applied ' +
              'again. Check that it was not (its effect is absent), then replay it with --force.',
          );
          return 1;
        }
        const letter = await store.replay(group!, id!);
        if (letter === 'unreadable') return unreadable(io, id!);
        if (letter === 'unread') {
          io.err(
            `${id} kept: no consumer group ${group} reads ${group}'s replay stream (a group no longer deployed, or ` +
              'deleted), so nothing would apply it. Start that subgraph first, or discard the dead letter.',
          );
          return 1;
        }
        if (!letter) return notFound(io, group!, id!);
        io.out(`replayed ${id} (event ${letter.eventId ?? '?'}, ${letter.type ?? '?'}) to ${group}`);
        return 0;
      }
      default: {
        if (!(await store.discard(group!, id!))) return notFound(io, group!, id!);
        io.out(`discarded ${id} from ${group}`);
        return 0;
      }
    }
  } catch (error) {
    io.err(`Redis answered: ${(error as Error).message}`);
    return 1;
  } finally {
    redis.disconnect();
  }
}

function unreadable(io: EventsCliIo, id: string): number {
  io.err(
    `${id} holds no event its consumer can read (\`show\` prints what it holds): replayed, it would only be ` +
      'dead-lettered again. Publish a corrected event, or discard it.',
  );
  return 1;
}

function notFound(io: EventsCliIo, group: string, id: string): number {
  io.err(`no dead letter ${id} in group ${group}`);
  return 1;
}

function describe(letter: DeadLetter): string {
  return [
    letter.group,
    letter.id,
    letter.type ?? '?',
    `event ${letter.eventId ?? '?'}`,
    `attempts ${letter.attempts}`,
    ...(letter.replays > 0 ? [`replayed ${letter.replays}`] : []),
    letter.reason,
    letter.deadLetteredAt,
    letter.error,
  ].join('  ');
}
