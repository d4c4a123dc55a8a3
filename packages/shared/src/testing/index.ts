export * from './infra';
export { graphqlRequest, type GraphQLResponse } from './graphql-client';
export { createTestTokens, TEST_AUDIENCE, TEST_ISSUER, type TestTokens } from './tokens';
export { startTestSubgraph, type TestSubgraph } from './subgraph-harness';
export { inFlight, lockWaiters, untilSubscribed, untilWaiting, type InFlight } from './waiting';
export { upgradeStatus } from './websocket';
export { startOwnPostgres, startOwnRedis, type OwnServer } from './servers';
export { metricValue, parsePrometheus, type Sample } from './prometheus';
export { appliedInOneTransaction, testEvent } from './events';
