import { useT } from '../i18n';

/** "Show more" for a Relay connection: fetches the next page and appends its edges. */
interface Connection {
  edges: unknown[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export function LoadMore<Q>({
  connection,
  field,
  fetchMore,
}: {
  connection: Connection;
  field: keyof Q;
  fetchMore(options: any): Promise<unknown>;
}) {
  const { t } = useT();
  if (!connection.pageInfo.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button ghost"
      onClick={() =>
        void fetchMore({
          variables: { after: connection.pageInfo.endCursor },
          updateQuery: (prev: Q, { fetchMoreResult }: { fetchMoreResult: Q }) => {
            const before = prev[field] as Connection;
            const next = fetchMoreResult[field] as Connection;
            return { ...prev, [field]: { ...next, edges: [...before.edges, ...next.edges] } };
          },
        })
      }
    >
      {t('loadMore')}
    </button>
  );
}
