// A message's new state and its line of history were two statements outside a transaction: a reader could see a
// message SENT without its SENT line, and when the line's write failed (a transient error) the state stayed written,
// the retried write found nothing to change, and the history lacked SENT for good. They are one transaction now.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { confirmedPayload, historyOf, messagesOf, person, publish, startNotificationSubgraph, world } from './helpers';
import type { NotificationSubgraph } from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
  // The first SENT line of an SMS's history fails, as a serialization failure would (a transient error). A sequence
  // counts the tries: it is not rolled back with the statement that fails.
  await subgraph.database.handle.db.execute(sql`
    create sequence notification.sent_line_tries;
    create function notification.fail_first_sent_line() returns trigger language plpgsql as $$
    begin
      if new.status::text = 'SENT'
        and exists (select 1 from notification.messages m where m.id = new.message_id and m.channel::text = 'SMS')
        and nextval('notification.sent_line_tries') = 1 then
        raise exception 'could not serialize access' using errcode = '40001';
      end if;
      return new;
    end $$;
    create trigger fail_first_sent_line before insert on notification.message_events
      for each row execute function notification.fail_first_sent_line();
  `);
});
afterAll(() => subgraph?.stop());

describe('a message sent whose SENT line of history fails once', () => {
  it('is recorded SENT with its line: the state and its history are written together', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    const sent = await eventually(async () => {
      const sms = (await messagesOf(subgraph, p.userId)).find((m) => m.channel === 'SMS');
      return sms?.status === 'SENT' ? sms : undefined;
    }, 10_000);
    // The line's first write failed, the second made it.
    const tries = (await subgraph.database.handle.db.execute(
      sql`select last_value from notification.sent_line_tries`,
    )) as unknown as { rows: { last_value: string }[] };
    expect(Number(tries.rows[0]!.last_value)).toBe(2);
    const lines = (await historyOf(subgraph, sent.id)).map((line) => `${line.status}/${line.attempt}`);
    expect(lines).toEqual(['PENDING/0', 'SENDING/1', 'SENT/1']);
  });
});
