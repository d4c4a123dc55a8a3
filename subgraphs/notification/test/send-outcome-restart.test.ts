// The notification sender when Postgres restarts while a message is with the SMS provider: the provider took the
// message, recording SENT fails (Postgres away for a moment), the process lives on and knows the outcome. It records
// it once Postgres is back; given up at once, the message was sent again when its lease ran out.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startOwnPostgres, testEnv } from '@busline/shared/testing';
import type { ChannelAdapter, Outgoing } from '../src/channels/types';
import { messages } from '../src/db/schema';
import {
  confirmedPayload,
  messagesOf,
  person,
  publish,
  startNotificationSubgraph,
  world,
  type NotificationSubgraph,
} from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Postgres of the test's own (never the machine's), made the database of the subgraph this file starts. */
async function ownPostgresForSubgraphs() {
  const postgres = await startOwnPostgres();
  const previous = testEnv.postgresUrl;
  testEnv.postgresUrl = `postgres://postgres@127.0.0.1:${postgres.port}/postgres`;
  return {
    postgres,
    async stop() {
      testEnv.postgresUrl = previous;
      await postgres.destroy();
    },
  };
}

describe.runIf(testEnv.postgresUrl)(
  'a sent SMS whose SENT could not be recorded (Postgres restarted meanwhile)',
  () => {
    let kit: Awaited<ReturnType<typeof ownPostgresForSubgraphs>>;
    let subgraph: NotificationSubgraph;
    const texts: Outgoing[] = [];
    let restartDuringNextSend = false;
    let restarted: Promise<void> | undefined;

    // The SMS provider takes every message; the first one after `restartDuringNextSend` meets a Postgres restart
    // (down about a second) while the provider has it.
    const sms: ChannelAdapter = {
      name: 'counting-sms',
      async send(message) {
        texts.push(message);
        if (restartDuringNextSend) {
          restartDuringNextSend = false;
          await kit.postgres.kill();
          restarted = sleep(1000).then(() => kit.postgres.start());
        }
        return { ok: true, providerMessageId: `sms-${texts.length}` };
      },
    };
    const email: ChannelAdapter = { name: 'mail', send: async () => ({ ok: true, providerMessageId: null }) };

    beforeAll(async () => {
      kit = await ownPostgresForSubgraphs();
      subgraph = await startNotificationSubgraph({ sms, email });
    });
    afterAll(async () => {
      await subgraph?.stop();
      await kit?.stop();
    });

    it('is recorded SENT once Postgres is back, and never texted again', async () => {
      const w = await world(subgraph);
      const p = await person(subgraph);
      restartDuringNextSend = true;
      await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
      await eventually(() => restarted !== undefined, 10_000);
      await restarted;
      const toPassenger = () => texts.filter((t) => t.to === p.phone).length;
      expect(toPassenger()).toBe(1);

      // Postgres is back and the sender runs a pass every 30 ms: it knows the provider took the message.
      await sleep(5000);
      const sms = async () => (await messagesOf(subgraph, p.userId)).find((m) => m.channel === 'SMS')!;
      const afterRestart = await sms();

      // The minute's lease of the attempt runs out (moved back rather than waited for).
      await subgraph.database.handle.db
        .update(messages)
        .set({ nextAttemptAt: new Date(Date.now() - 1000) })
        .where(eq(messages.id, afterRestart.id));
      await sleep(2000);

      expect({
        statusOnceBack: afterRestart.status,
        textsToPassenger: toPassenger(),
        attempts: (await sms()).attempts,
      }).toEqual({ statusOnceBack: 'SENT', textsToPassenger: 1, attempts: 1 });
    });
  },
);
