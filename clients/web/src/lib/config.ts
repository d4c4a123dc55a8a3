/**
 * Where the router lives. Order: `?api=` (remembered for the tab), the config serveWebClient injects,
 * VITE_GRAPHQL_URL at build time, else port 8080 on the page's own hostname — so a page opened on
 * localhost:5173 calls localhost:8080, which the router's default CORS origin allows.
 */
declare global {
  interface Window {
    __BUSLINE__?: { graphqlUrl?: string };
  }
}

const STORAGE_KEY = 'busline.api';

function resolveGraphqlUrl(): string {
  const fromQuery = new URLSearchParams(window.location.search).get('api');
  if (fromQuery) {
    sessionStorage.setItem(STORAGE_KEY, fromQuery);
    return fromQuery;
  }
  return (
    sessionStorage.getItem(STORAGE_KEY) ??
    window.__BUSLINE__?.graphqlUrl ??
    (import.meta.env.VITE_GRAPHQL_URL as string | undefined) ??
    `${window.location.protocol}//${window.location.hostname}:8080/graphql`
  );
}

export const graphqlUrl = resolveGraphqlUrl();
export const graphqlWsUrl = graphqlUrl.replace(/^http/, 'ws');
