/**
 * Objects the resolvers hand over for GraphQL types that have no row of their own here
 * (codegen.ts maps the generated resolver types onto them).
 */

/** A booking is owned by ticketing; this subgraph only knows its id and lists its payments from it. */
export interface BookingRef {
  __typename?: 'Booking';
  id: string;
}
