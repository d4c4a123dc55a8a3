/**
 * Objects the resolvers hand over for GraphQL types that have no row of their own here
 * (codegen.ts maps the generated resolver types onto them).
 */

/** A trip is owned by company; this subgraph only knows its id and resolves seats from it. */
export interface TripRef {
  __typename?: 'Trip';
  id: string;
}
