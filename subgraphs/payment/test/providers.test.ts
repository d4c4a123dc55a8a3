import { createHmac, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSimulator } from '@busline/provider-simulator';
import { eventually } from '@busline/shared/testing';
import { airtelCallbackHash } from '../src/provider/airtel-money';
import { refunds, webhookDeliveries } from '../src/db/schema';
import { callbackHeaders, momoCallbackUrl } from '../src/provider/signature';
import { eventsFor, holdBooking, passenger, paymentRows, publish, startPayment, type PaymentSubgraph } from './helpers';
import { AIRTEL_CALLBACK_SECRET, startWithSimulator } from './simulator-setup';

// Each provider end to end over HTTP: adapter → simulator → callback → status read back.
const providers = [
  {
    method: 'MTN_MOMO',
    name: 'mtn-momo',
    prefix: '078812',
    declineReason: 'APPROVAL_REJECTED',
    refundRefusal: /NOT_ENOUGH_FUNDS/,
  },
  {
    method: 'AIRTEL_MONEY',
    name: 'airtel-money',
    prefix: '073212',
    declineReason: 'DECLINED',
    refundRefusal: /ESB000041/,
  },
] as const;

describe.each(providers)(
  '$name through the provider simulator',
  ({ method, name, prefix, declineReason, refundRefusal }) => {
    let subgraph: PaymentSubgraph;
    let simulator: ProviderSimulator;
    beforeAll(async () => {
      ({ subgraph, simulator } = await startWithSimulator());
    });
    afterAll(() => subgraph.stop());

    /** A payment from the number ending in `last4` (the simulator's payer behaviour). */
    async function pay(last4: string, amount = 20_000) {
      const owner = passenger();
      const bookingId = await holdBooking(subgraph, owner, amount);
      const { data, errors } = await startPayment(subgraph, owner, { bookingId, method, phone: `${prefix}${last4}` });
      expect(errors).toBeUndefined();
      return {
        owner,
        bookingId,
        paymentId: data?.startPayment.id as string,
        reference: data?.startPayment.providerReference as string,
        status: data?.startPayment.status as string,
      };
    }
    /** Money the simulator took from the payer of `last4` under any reference (each test uses its own number). */
    const chargesTo = (last4: string) => simulator.ledger.chargesTo(`250${prefix.slice(1)}${last4}`);
    const row = async (bookingId: string) => (await paymentRows(subgraph, bookingId))[0]!;
    const settled = (bookingId: string, status: string) =>
      eventually(async () => (await row(bookingId)).status === status, 5000);
    const deliveries = (reference: string) =>
      subgraph.database.handle.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.providerReference, reference));

    it('collects an approved payment once, settled after its callback by the status read back', async () => {
      const { bookingId, paymentId, reference } = await pay('1234');
      await settled(bookingId, 'SUCCEEDED');
      expect(await row(bookingId)).toMatchObject({ provider: name, country: 'RW', failureReason: null });
      expect(await deliveries(reference)).toHaveLength(1);
      expect(chargesTo('1234')).toBe(1);
      expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toEqual([
        expect.objectContaining({ paymentId, amount: { amount: 20_000, currency: 'RWF' } }),
      ]);
    });

    it('fails a declined payment with the provider reason and payment.failed, charging nothing', async () => {
      const { bookingId, paymentId } = await pay('0000');
      await settled(bookingId, 'FAILED');
      expect((await row(bookingId)).failureReason).toBe(declineReason);
      expect(chargesTo('0000')).toBe(0);
      expect(await eventsFor(subgraph, 'payment.failed', bookingId)).toEqual([
        expect.objectContaining({ paymentId, reason: declineReason }),
      ]);
    });

    it('settles a payer who never answers by reconciliation, with no callback at all', async () => {
      const { bookingId, reference } = await pay('9999');
      await settled(bookingId, 'SUCCEEDED');
      expect(simulator.ledger.callbacksSent.get(reference)).toBeUndefined();
      expect(await deliveries(reference)).toHaveLength(0);
    });

    it('settles an approval whose callback is lost by polling the status API', async () => {
      const { bookingId, reference } = await pay('4444');
      await settled(bookingId, 'SUCCEEDED');
      expect(await deliveries(reference)).toHaveLength(0);
      expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
    });

    it('applies a callback delivered twice once', async () => {
      const { bookingId, reference } = await pay('2222');
      await settled(bookingId, 'SUCCEEDED');
      await eventually(() => simulator.ledger.callbacksSent.get(reference) === 2);
      // The second delivery is recorded as a duplicate (same body) or finds the payment settled.
      await eventually(async () => (await deliveries(reference)).length >= 1);
      expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
      expect(chargesTo('2222')).toBe(1);
    });

    it('fetches a new token once when the provider expires the cached one mid-flight', async () => {
      await settled((await pay('1235')).bookingId, 'SUCCEEDED');
      const tokensBefore = simulator.ledger.tokensIssued;
      simulator.revokeTokens();
      const { bookingId, reference, status } = await pay('1236');
      expect(status).toBe('PENDING');
      await settled(bookingId, 'SUCCEEDED');
      expect(simulator.ledger.tokensIssued).toBe(tokensBefore + 1);
      expect(simulator.ledger.requestAttempts.get(reference)).toBe(1);
    });

    it('survives a provider 5xx on the payment request without charging twice', async () => {
      const { bookingId, reference, status } = await pay('5555');
      expect(status).toBe('PENDING');
      await settled(bookingId, 'SUCCEEDED');
      // MoMo: the same X-Reference-Id again, answered 409. Airtel: its status shows the request arrived.
      expect(simulator.ledger.requestAttempts.get(reference)).toBe(method === 'MTN_MOMO' ? 2 : 1);
      expect(chargesTo('5555')).toBe(1);
      expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
    });

    it('sends a payment request again when the provider failed it before recording it, charging once', async () => {
      const { bookingId, reference, status } = await pay('6666');
      expect(status).toBe('PENDING');
      await settled(bookingId, 'SUCCEEDED');
      expect(simulator.ledger.requestAttempts.get(reference)).toBe(2);
      expect(chargesTo('6666')).toBe(1);
    });

    it('refunds a collected payment through the provider: REFUNDED and payment.refunded', async () => {
      const { bookingId, paymentId, reference } = await pay('1237', 15_000);
      await settled(bookingId, 'SUCCEEDED');
      await publish(subgraph, 'refund.requested', {
        bookingId,
        paymentId,
        amount: { amount: 15_000, currency: 'RWF' },
        reason: 'PAID_AFTER_EXPIRY',
      });
      await settled(bookingId, 'REFUNDED');
      expect(simulator.ledger.find(method === 'MTN_MOMO' ? 'mtn' : 'airtel', reference)?.refunded).toBe(15_000);
      expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toEqual([
        expect.objectContaining({ paymentId, amount: { amount: 15_000, currency: 'RWF' }, method }),
      ]);
    });

    it('sends a refused refund again under a new reference, and refunds once, when the refusal clears', async () => {
      // 7777: the provider refuses the first refund of the payment only.
      const { bookingId, paymentId, reference } = await pay('7777', 15_000);
      await settled(bookingId, 'SUCCEEDED');
      await publish(subgraph, 'refund.requested', {
        bookingId,
        paymentId,
        amount: { amount: 15_000, currency: 'RWF' },
        reason: 'PAID_AFTER_EXPIRY',
      });
      await settled(bookingId, 'REFUNDED');
      const [refund] = await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, paymentId));
      expect(refund).toMatchObject({ status: 'SUCCEEDED', failures: 1 });
      const collection = simulator.ledger.find(method === 'MTN_MOMO' ? 'mtn' : 'airtel', reference)!;
      expect(collection).toMatchObject({ refunded: 15_000, refundsRefused: 1 });
      if (method === 'MTN_MOMO') {
        // Two refund requests under two X-Reference-Ids: the refused one, then the one that went through.
        const sent = [...simulator.ledger.refunds.values()].filter((row) => row.collection === collection);
        expect(sent.map((row) => row.status)).toEqual(['FAILED', 'SUCCESSFUL']);
        expect(sent[0]!.reference).toBe(refund!.id);
        expect(sent[1]!.reference).toBe(refund!.providerReference);
      }
      expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(1);
    });

    it('refunds once, and counts no failure, when the answer to a refund that went through is lost', async () => {
      // 8888: the first refund is made but answered 500.
      const { bookingId, paymentId, reference } = await pay('8888', 15_000);
      await settled(bookingId, 'SUCCEEDED');
      await publish(subgraph, 'refund.requested', {
        bookingId,
        paymentId,
        amount: { amount: 15_000, currency: 'RWF' },
        reason: 'PAID_AFTER_EXPIRY',
      });
      await settled(bookingId, 'REFUNDED');
      const [refund] = await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, paymentId));
      expect(refund).toMatchObject({ status: 'SUCCEEDED', failures: 0 });
      const collection = simulator.ledger.find(method === 'MTN_MOMO' ? 'mtn' : 'airtel', reference)!;
      expect(collection.refunded).toBe(15_000);
      // MTN: the same X-Reference-Id again (409). Airtel: its "already refunded" after the lost answer.
      expect(collection.refundsMade).toBe(1);
      expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(1);
    });

    it('keeps a payment SUCCEEDED with its refund FAILED when the provider refuses the refund', async () => {
      const { bookingId, paymentId, reference } = await pay('3333', 15_000);
      await settled(bookingId, 'SUCCEEDED');
      await publish(subgraph, 'refund.requested', {
        bookingId,
        paymentId,
        amount: { amount: 15_000, currency: 'RWF' },
        reason: 'PAID_AFTER_EXPIRY',
      });
      const refundOf = async () =>
        (await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, paymentId)))[0];
      await eventually(async () => (await refundOf())?.status === 'FAILED', 5000);
      expect((await refundOf())?.lastError).toMatch(refundRefusal);
      expect((await row(bookingId)).status).toBe('SUCCEEDED');
      expect(simulator.ledger.find(method === 'MTN_MOMO' ? 'mtn' : 'airtel', reference)?.refunded).toBe(0);
      expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(0);
    });
  },
);

describe('provider callbacks from outside', () => {
  let subgraph: PaymentSubgraph;
  beforeAll(async () => {
    let simulator: ProviderSimulator;
    ({ subgraph, simulator } = await startWithSimulator({ reconcileAfterMs: 600_000 }));
    // A payer who never answers stays PENDING at the provider for the whole file: a forged callback must
    // find it pending however late it is delivered on a busy machine (400 ms raced the callbacks here).
    simulator.options.unansweredSettleMs = 600_000;
  });
  afterAll(() => subgraph.stop());
  const deliveries = (reference: string) =>
    subgraph.database.handle.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.providerReference, reference));

  const payWith = async (method: 'MTN_MOMO' | 'AIRTEL_MONEY', phone: string) => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data, errors } = await startPayment(subgraph, owner, { bookingId, method, phone });
    expect(errors).toBeUndefined();
    return {
      bookingId,
      paymentId: data?.startPayment.id as string,
      reference: data?.startPayment.providerReference as string,
    };
  };
  const rowOf = async (bookingId: string) => (await paymentRows(subgraph, bookingId))[0]!;

  // No status check is due for 10 minutes here: only the providers' callbacks can settle these in time.
  it.each([
    ['MTN_MOMO', '0788151234'],
    ['AIRTEL_MONEY', '0732151234'],
  ] as const)('settles a %s payment through its callback alone', async (method, phone) => {
    const { bookingId, reference } = await payWith(method, phone);
    await eventually(async () => (await rowOf(bookingId)).status === 'SUCCEEDED', 5000);
    expect(await deliveries(reference)).toHaveLength(1);
  });

  it('records a tagged MTN callback once per payment and status, however its body varies', async () => {
    const { bookingId, reference } = await payWith('MTN_MOMO', '0788169999');
    const before = (await deliveries(reference)).length;
    const url = momoCallbackUrl(`${subgraph.server.url}/webhooks/momo`, subgraph.server.webhookSecret, reference);
    const send = async (status: string, i: number) => {
      const body = JSON.stringify({
        financialTransactionId: `f${i}`,
        externalId: reference,
        status,
        note: 'x'.repeat(i),
      });
      const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(200);
      return ((await response.json()) as { status: string }).status;
    };
    // Whoever holds the URL (MTN, or anything between it and us) varying a byte made a delivery, a row kept for 30
    // days and a status read, each time.
    const said: string[] = [];
    for (let i = 0; i < 10; i++) said.push(await send('SUCCESSFUL', i));
    for (let i = 0; i < 10; i++) said.push(await send(`MADE-UP-${i}`, i));
    expect(said.filter((answer) => answer !== 'duplicate')).toHaveLength(2);
    expect((await deliveries(reference)).length).toBe(before + 2);
    expect(await rowOf(bookingId)).toMatchObject({ status: 'PENDING' });
  });

  it('changes nothing on a correctly tagged MTN callback claiming success while MTN says PENDING or FAILED', async () => {
    const pending = await payWith('MTN_MOMO', '0788159999');
    const declined = await payWith('MTN_MOMO', '0788150000');
    await eventually(async () => (await rowOf(declined.bookingId)).status === 'FAILED', 5000);
    for (const { reference } of [pending, declined]) {
      const body = JSON.stringify({
        financialTransactionId: 'forged',
        externalId: reference,
        amount: '1',
        currency: 'EUR',
        status: 'SUCCESSFUL',
      });
      const response = await fetch(
        momoCallbackUrl(`${subgraph.server.url}/webhooks/momo`, subgraph.server.webhookSecret, reference),
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body },
      );
      expect(response.status).toBe(200);
    }
    // The pending payment's status was read back (a check ran) and it is still PENDING.
    await eventually(async () => (await rowOf(pending.bookingId)).statusChecks >= 1);
    expect(await rowOf(pending.bookingId)).toMatchObject({ status: 'PENDING' });
    expect(await rowOf(declined.bookingId)).toMatchObject({ status: 'FAILED', failureReason: 'APPROVAL_REJECTED' });
    expect(await eventsFor(subgraph, 'payment.succeeded', pending.bookingId)).toHaveLength(0);
    expect(await eventsFor(subgraph, 'payment.succeeded', declined.bookingId)).toHaveLength(0);
  });

  it('changes nothing on a correctly hashed Airtel callback claiming success while Airtel says PENDING or FAILED', async () => {
    const pending = await payWith('AIRTEL_MONEY', '0732159999');
    const declined = await payWith('AIRTEL_MONEY', '0732150000');
    await eventually(async () => (await rowOf(declined.bookingId)).status === 'FAILED', 5000);
    for (const { reference } of [pending, declined]) {
      const transaction = JSON.stringify({
        id: reference,
        message: 'Paid RWF 1',
        status_code: 'TS',
        airtel_money_id: 'forged',
      });
      const hash = createHmac('sha256', AIRTEL_CALLBACK_SECRET).update(transaction).digest('base64');
      const response = await fetch(`${subgraph.server.url}/webhooks/airtel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"transaction":${transaction},"hash":"${hash}"}`,
      });
      expect(response.status).toBe(200);
    }
    await eventually(async () => (await rowOf(pending.bookingId)).statusChecks >= 1);
    expect(await rowOf(pending.bookingId)).toMatchObject({ status: 'PENDING' });
    expect(await rowOf(declined.bookingId)).toMatchObject({ status: 'FAILED', failureReason: 'DECLINED' });
    expect(await eventsFor(subgraph, 'payment.succeeded', pending.bookingId)).toHaveLength(0);
    expect(await eventsFor(subgraph, 'payment.succeeded', declined.bookingId)).toHaveLength(0);
  });

  it('refuses an MTN callback whose URL lacks our tag of the reference', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId, method: 'MTN_MOMO', phone: '0788129999' });
    const reference = data?.startPayment.providerReference as string;
    const body = JSON.stringify({ externalId: reference, status: 'SUCCESSFUL', financialTransactionId: '1' });
    for (const query of [`?ref=${reference}`, `?ref=${reference}&sig=${'0'.repeat(64)}`, '']) {
      const response = await fetch(`${subgraph.server.url}/webhooks/momo${query}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(401);
    }
    expect((await paymentRows(subgraph, bookingId))[0]?.status).toBe('PENDING');
  });

  it('refuses a correctly signed sandbox-style callback for a provider payment, declined or still pending', async () => {
    const owner = passenger();
    const declinedBooking = await holdBooking(subgraph, owner);
    const declined = await startPayment(subgraph, owner, {
      bookingId: declinedBooking,
      method: 'MTN_MOMO',
      phone: '0788120000',
    });
    const pendingBooking = await holdBooking(subgraph, owner);
    const pending = await startPayment(subgraph, owner, {
      bookingId: pendingBooking,
      method: 'AIRTEL_MONEY',
      phone: '0732129999',
    });
    // The simulator's own (tagged) callback prompts the status read that fails it.
    await eventually(async () => (await paymentRows(subgraph, declinedBooking))[0]?.status === 'FAILED', 5000);
    for (const reference of [
      declined.data?.startPayment.providerReference,
      pending.data?.startPayment.providerReference,
    ] as string[]) {
      const before = (await deliveries(reference)).length;
      const body = JSON.stringify({
        eventId: randomUUID(),
        referenceId: reference,
        status: 'SUCCESSFUL',
        amount: '1',
        currency: 'EUR',
        financialTransactionId: 'forged',
      });
      for (const method of ['POST', 'PUT']) {
        const response = await fetch(`${subgraph.server.url}/webhooks/momo`, {
          method,
          headers: { 'content-type': 'application/json', ...callbackHeaders(subgraph.server.webhookSecret, body) },
          body,
        });
        expect(response.status).toBe(401);
      }
      expect(await deliveries(reference)).toHaveLength(before);
    }
    expect((await paymentRows(subgraph, declinedBooking))[0]).toMatchObject({
      status: 'FAILED',
      failureReason: 'APPROVAL_REJECTED',
    });
    expect((await paymentRows(subgraph, pendingBooking))[0]?.status).toBe('PENDING');
    expect(await eventsFor(subgraph, 'payment.succeeded', declinedBooking)).toHaveLength(0);
  });

  it('refuses an Airtel callback with a wrong hash, and never settles on a callback alone', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId, method: 'AIRTEL_MONEY', phone: '0732129999' });
    const reference = data?.startPayment.providerReference as string;
    const transaction = { id: reference, message: 'Paid', status_code: 'TS', airtel_money_id: 'forged' };
    const post = (payload: unknown) =>
      fetch(`${subgraph.server.url}/webhooks/airtel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    expect((await post({ transaction, hash: 'bm90IHRoZSBoYXNo' })).status).toBe(401);
    expect((await post({ transaction })).status).toBe(401);
    expect((await post({ transaction: { ...transaction, id: randomUUID() } })).status).toBe(401);
    expect((await paymentRows(subgraph, bookingId))[0]?.status).toBe('PENDING');
  });

  it("refuses an Airtel callback repeating its signed transaction with another payment's (JSON keeps the last)", async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId, method: 'AIRTEL_MONEY', phone: '0732129999' });
    const reference = data?.startPayment.providerReference as string;
    // A genuine signed callback of some payment (one of the sender's own), then our payment's transaction, unsigned.
    const genuine = JSON.stringify({ id: randomUUID(), message: 'ok', status_code: 'TF', airtel_money_id: 'A1' });
    const forged = JSON.stringify({ id: reference, message: 'x', status_code: 'TS', airtel_money_id: 'A2' });
    const hash = airtelCallbackHash(AIRTEL_CALLBACK_SECRET, genuine);
    const response = await fetch(`${subgraph.server.url}/webhooks/airtel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"transaction":${genuine},"transaction":${forged},"hash":"${hash}"}`,
    });
    expect(response.status).toBe(400);
    // Not taken as a delivery for our payment: Airtel's real callback for it still makes a status check.
    const db = subgraph.database.handle.db;
    const deliveries = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.providerReference, reference));
    expect(deliveries).toEqual([]);
  });

  it('accepts a genuine Airtel callback whatever the key order and spacing of its transaction', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId, method: 'AIRTEL_MONEY', phone: '0732129999' });
    const reference = data?.startPayment.providerReference as string;
    // Not the order our schema declares (id, message, status_code, airtel_money_id), and not compact.
    const transaction = `{ "status_code": "TIP", "airtel_money_id": "A77", "message": "In process", "id": "${reference}" }`;
    const hash = createHmac('sha256', AIRTEL_CALLBACK_SECRET).update(transaction).digest('base64');
    const response = await fetch(`${subgraph.server.url}/webhooks/airtel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"transaction": ${transaction}, "hash": "${hash}"}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'checking' });
  });

  it('reads the status once per payment and status code however many codes an Airtel callback sender invents', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId, method: 'AIRTEL_MONEY', phone: '0732129999' });
    const reference = data?.startPayment.providerReference as string;
    const answers: string[] = [];
    for (const code of ['X1', 'X2', 'X3']) {
      const transaction = { id: reference, message: 'm', status_code: code, airtel_money_id: 'A1' };
      const response = await fetch(`${subgraph.server.url}/webhooks/airtel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          transaction,
          hash: airtelCallbackHash(AIRTEL_CALLBACK_SECRET, JSON.stringify(transaction)),
        }),
      });
      answers.push(((await response.json()) as { status: string }).status);
    }
    expect(answers).toEqual(['checking', 'duplicate', 'duplicate']);
  });
});
