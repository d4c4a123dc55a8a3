/**
 * Objects the resolvers hand over for GraphQL types that have no row of their own here
 * (codegen.ts maps the generated resolver types onto them).
 */
import type { StopRange } from '../services/segments';
import type { TicketSegment } from '../services/ticket-segments';

/** A trip is owned by company; this subgraph only knows its id and resolves seats from it. */
export interface TripRef {
  __typename?: 'Trip';
  id: string;
  /** Set on searchTrips results: the segment searched, which availableSeats and seatMap answer for. */
  searched?: StopRange;
  /** Set on tripSeatsChanged updates: the stretch whose seats changed (null: any). */
  changed?: StopRange | null;
}

/** A stretch of one trip (a ticket's may carry the stops it was sold for, see ticketSegment). */
export type SegmentRef = TicketSegment;
