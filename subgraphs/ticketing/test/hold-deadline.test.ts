import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_DEADLINE_HEADER, type TransactionRunner, type UnitOfWork, type Viewer } from '@busline/shared';
import { eventually, graphqlRequest, itConcurrent } from '@busline/shared/testing';
import { BookingRepository } from '../src/repositories/booking-repository';
import { HoldSeatsService } from '../src/services/hold-seats';
import {
  deliverer,
  passenger,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
  bookingsOf,
  heldEventsOf,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;

const HOLD_WITH_KEY = `mutation($input: HoldSeatsInput!, $key: String) { holdSeats(input: $input, idempotencyKey: $key) { id status } }`;
const TOO_LATE = { message: 'The hold took too long; nothing was held, retry', extensions: { code: 'UNAVAILABLE' } };

async function scheduledTrip(): Promise<string> {
  const trip = tripSnapshot({ rows: 1 });
  await deliver('trip.scheduled', trip);
  return trip.tripId;
}

/** holdSeats as the router sends it: with the time it stops waiting, or without one. */
async function hold(tripId: string, viewer: Viewer, key: string, deadline?: number) {
  const variables = { input: { tripId, seats: ['1A'], passengers: [{ name: 'Aline' }] }, key };
  const headers = {
    ...(await subgraph.tokens.authorization(viewer)),
    ...(deadline ? { [REQUEST_DEADLINE_HEADER]: String(deadline) } : {}),
  };
  return graphqlRequest(subgraph.graphqlUrl, HOLD_WITH_KEY, variables, headers);
}

/**
 * Another transaction takes the lock every hold of this account needs (an earlier attempt still in
 * flight does the same) and keeps it until released, or for 5 s at most so a hold that ignores its
 * deadline is seen finishing late instead of hanging the test.
 */
async function takeHoldLock(userId: string): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const safety = setTimeout(release, 5000);
  let taken!: () => void;
  const isTaken = new Promise<void>((resolve) => (taken = resolve));
  const done = subgraph.database.handle.db.transaction(async (tx) => {
    await new BookingRepository(tx).lockHoldsOf(userId);
    taken();
    await released;
  });
  await isTaken;
  return {
    async release() {
      clearTimeout(safety);
      release();
      await done;
    },
  };
}

/** The texts of the statements the subgraph's pool sends while `run` runs, in the order they reach pg. */
async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const pool = (subgraph.database.handle.db as unknown as { $client: pg.Pool & { options: pg.PoolConfig } }).$client;
  const prototype = pool.options.Client!.prototype;
  const original = prototype.query as (...args: unknown[]) => unknown;
  const texts: string[] = [];
  prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
    if (typeof text === 'string') texts.push(text);
    return original.call(this, config, ...rest);
  } as typeof prototype.query;
  try {
    await run();
  } finally {
    prototype.query = original as typeof prototype.query;
  }
  return texts;
}

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('holdSeats against the router deadline', () => {
  itConcurrent(
    'answers UNAVAILABLE before the deadline while a lock it needs stays taken, and holds nothing',
    async () => {
      const owner = passenger();
      const tripId = await scheduledTrip();
      const lock = await takeHoldLock(owner.userId);
      const deadline = Date.now() + 1500;
      let answeredAt: number;
      let result: Awaited<ReturnType<typeof hold>>;
      try {
        result = await hold(tripId, owner, randomUUID(), deadline);
        answeredAt = Date.now();
      } finally {
        await lock.release();
      }
      expect(result.errors).toMatchObject([TOO_LATE]);
      // The lock is released only after the answer, so answering at all shows the wait was bounded; the
      // statement and lock timeouts end it DEADLINE_MARGIN_MS before the deadline, and the answer reaches
      // the test within the deadline give or take a loaded machine's scheduling (the second allowed here).
      expect(answeredAt).toBeLessThan(deadline + 1000);
      expect(await bookingsOf(subgraph, owner.userId)).toEqual([]);
    },
  );

  itConcurrent('holds the seats exactly once when the attempt that gave up is retried with its key', async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    const key = randomUUID();
    const lock = await takeHoldLock(owner.userId);
    const first = await hold(tripId, owner, key, Date.now() + 1000).finally(() => lock.release());
    const retry = await hold(tripId, owner, key);
    const again = await hold(tripId, owner, key);
    expect(first.errors).toMatchObject([TOO_LATE]);
    expect(retry.data?.holdSeats).toMatchObject({ status: 'HELD' });
    expect(again.data?.holdSeats).toEqual(retry.data?.holdSeats);
    expect((await bookingsOf(subgraph, owner.userId)).map((b) => b.id)).toEqual([retry.data!.holdSeats.id]);
  });

  it("bounds its statements by the deadline first, then reads a retry's booking, locks, and reads under the locks", async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    const texts = await statementsDuring(async () => {
      const result = await hold(tripId, owner, randomUUID(), Date.now() + 10_000);
      expect(result.data?.holdSeats).toMatchObject({ status: 'HELD' });
    });
    // Issued together (one round trip), so the order they reach pg in is the order Postgres runs them in.
    const steps = [/set_config\('statement_timeout'/, /"idempotency_key" = /, / for share$/, /array\(select s\.label/];
    const at = steps.map((step) => texts.findIndex((text) => step.test(text)));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('rolls back a hold that reaches its commit after the deadline: UNAVAILABLE, no booking, no booking.held', async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    const deadline = Date.now() + 1000;
    // The hold is slowed between its statements (where no statement timeout applies) until the deadline has passed.
    const runner = subgraph.server.events.runner;
    const slowed = {
      run: <T>(fn: (uow: UnitOfWork) => Promise<T>) =>
        runner.run((uow) =>
          fn({
            ...uow,
            emit: async (type, payload) => {
              await eventually(() => Date.now() > deadline, 5000, 20);
              return uow.emit(type, payload);
            },
            emitWith: async (type, payload, write) => {
              await eventually(() => Date.now() > deadline, 5000, 20);
              return uow.emitWith(type, payload, write);
            },
            commitWith: async (type, payload, write, until) => {
              await eventually(() => Date.now() > deadline, 5000, 20);
              return uow.commitWith(type, payload, write, until);
            },
          }),
        ),
    } as unknown as TransactionRunner;
    const { live, options } = subgraph.server.services;
    const service = new HoldSeatsService(slowed, live, options, subgraph.deps.logger);
    const request = {
      userId: owner.userId,
      tripId,
      seats: ['1A'],
      passengerNames: ['Aline'],
      idempotencyKey: randomUUID(),
      deadline,
    };
    await expect(service.hold(request)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: TOO_LATE.message });
    expect(await bookingsOf(subgraph, owner.userId)).toEqual([]);
    expect(await heldEventsOf(subgraph, tripId)).toEqual([]);
  });
});
