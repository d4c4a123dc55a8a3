import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { graphqlUrl, graphqlWsUrl } from './config';
import { currentAccessToken } from './session';

const bearer = () => {
  const token = currentAccessToken();
  return token ? `Bearer ${token}` : undefined;
};

/**
 * One client per signed-in user (App recreates it on sign-in/out, so nobody sees the previous user's
 * cache). Queries and mutations over HTTP, subscriptions over graphql-ws; both carry the access token.
 */
export function createApolloClient() {
  // An operation that names its own caller keeps it: sign-in asks for the new user's profile with the token it was
  // just given, while the tab's session is still the previous user's.
  const auth = new SetContextLink((prev) => {
    const authorization = bearer();
    return { headers: { ...(authorization ? { authorization } : {}), ...prev.headers } };
  });
  const http = new HttpLink({ uri: graphqlUrl });
  const ws = new GraphQLWsLink(
    createClient({
      url: graphqlWsUrl,
      lazy: true,
      retryAttempts: 5,
      connectionParams: () => {
        const authorization = bearer();
        return authorization ? { authorization } : {};
      },
    }),
  );
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === OperationTypeNode.SUBSCRIPTION;
  };
  return new ApolloClient({
    link: ApolloLink.split(isSubscription, ws, ApolloLink.from([auth, http])),
    cache: new InMemoryCache({
      typePolicies: {
        // Money and seats have no id: replace them wholesale instead of merging.
        Trip: { fields: { seatMap: { merge: false } } },
        Booking: { fields: { tickets: { merge: false }, payments: { merge: false } } },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
