import { randomUUID } from 'node:crypto';
import { payerPhone } from '@busline/shared/testing';

/** What one booking attempt of the workload came to. */
export type Outcome = 'CONFIRMED' | 'REFUSED' | 'GAVE_UP' | 'UNCONFIRMED';

export interface BookingRecord {
  bookingId?: string;
  startedAt: number;
  /** When the booking was CONFIRMED with a QR pass on every ticket (ms since start). */
  confirmedAt?: number;
  outcome?: Outcome;
  /** Errors the client saw on the way (code: count), retried with the same idempotency key. */
  retried: Record<string, number>;
  /** The answer that refused it (`CODE: message`). */
  refusedWith?: string;
  /** Where it is (or stopped). */
  stage?: string;
}

interface Reply<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Codes after which nothing happened and the same request cannot succeed: the client stops. */
const DEFINITE = new Set([
  'BAD_USER_INPUT',
  'SEAT_UNAVAILABLE',
  'HOLD_LIMIT_REACHED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Passengers booking in a loop through the router, as the mobile app does: hold a random free seat,
 * pay, wait for CONFIRMED with a QR pass. Every error that does not say "refused" is retried with the
 * same idempotency key, for up to two minutes, so a booking is either refused, or known by its id.
 */
export class BookingWorkload {
  readonly records: BookingRecord[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly graphqlUrl: string,
    private readonly token: string,
    private readonly trips: { id: string; seats: string[] }[],
    private readonly passengers = 5,
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.passengers }, () => this.loop());
  }

  /** Starts no new booking; resolves when every booking in progress has an outcome. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Booking ids the passengers were given. */
  knownBookings(): Set<string> {
    return new Set(this.records.flatMap((r) => (r.bookingId ? [r.bookingId] : [])));
  }

  private async request<T>(query: string, variables: Record<string, unknown>): Promise<Reply<T>> {
    try {
      const response = await fetch(this.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      try {
        return JSON.parse(text) as Reply<T>;
      } catch {
        return { errors: [{ message: text.slice(0, 200), extensions: { code: `HTTP_${response.status}` } }] };
      }
    } catch (error) {
      return {
        errors: [
          {
            message: String(error),
            extensions: { code: (error as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK' },
          },
        ],
      };
    }
  }

  /** The request until it succeeds or is refused (null), retrying everything else with the same arguments. */
  private async retrying<T>(
    record: BookingRecord,
    query: string,
    variables: Record<string, unknown>,
    deadline: number,
  ): Promise<T | null> {
    for (;;) {
      const reply = await this.request<T>(query, variables);
      if (reply.data && !reply.errors?.length) return reply.data;
      const code = reply.errors?.[0]?.extensions?.code ?? 'NO_DATA';
      if (DEFINITE.has(code)) {
        record.refusedWith = `${code}: ${reply.errors?.[0]?.message ?? ''}`;
        return null;
      }
      record.retried[code] = (record.retried[code] ?? 0) + 1;
      if (process.env.FAULTS_VERBOSE && code === 'INTERNAL_SERVER_ERROR') console.log(JSON.stringify(reply.errors));
      if (Date.now() > deadline) throw new Error(`gave up after ${code}`);
      await sleep(code === 'RATE_LIMITED' ? 2000 : 500);
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const trip = this.trips[Math.floor(Math.random() * this.trips.length)]!;
      const seat = trip.seats[Math.floor(Math.random() * trip.seats.length)]!;
      const record: BookingRecord = { startedAt: Date.now(), retried: {} };
      this.records.push(record);
      try {
        record.outcome = await this.book(record, trip.id, seat);
      } catch (error) {
        record.outcome = 'GAVE_UP';
        record.refusedWith = (error as Error).message;
      }
    }
  }

  private async book(record: BookingRecord, tripId: string, seat: string): Promise<Outcome> {
    const deadline = Date.now() + 120_000;
    const held = await this.retrying<{ holdSeats: { id: string } }>(
      record,
      'mutation($input: HoldSeatsInput!, $key: String) { holdSeats(input: $input, idempotencyKey: $key) { id } }',
      { input: { tripId, seats: [seat], passengers: [{ name: 'Fault Suite' }] }, key: randomUUID() },
      deadline,
    );
    if (!held) return 'REFUSED';
    record.bookingId = held.holdSeats.id;
    record.stage = 'startPayment';
    const paid = await this.retrying<{ startPayment: { id: string } }>(
      record,
      'mutation($input: StartPaymentInput!, $key: String!) { startPayment(input: $input, idempotencyKey: $key) { id } }',
      { input: { bookingId: record.bookingId, method: 'MTN_MOMO', phone: payerPhone() }, key: randomUUID() },
      deadline,
    );
    if (!paid) return 'REFUSED';
    record.stage = 'waiting for CONFIRMED';
    while (Date.now() < deadline) {
      const view = await this.request<{
        booking: { status: string; tickets: { qr: { token: string } | null }[] } | null;
      }>('query($id: ID!) { booking(id: $id) { status tickets { qr { token } } } }', { id: record.bookingId });
      const booking = view.data?.booking;
      if (booking?.status === 'CONFIRMED' && booking.tickets.every((t) => t.qr?.token)) {
        record.confirmedAt = Date.now();
        return 'CONFIRMED';
      }
      await sleep(300);
    }
    return 'UNCONFIRMED';
  }
}
