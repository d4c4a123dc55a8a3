/**
 * Where the router lives, and what the server that served the page says about it. The router: in a development
 * build (`npm run web:dev`) `?api=` first (remembered for the tab); then the config serveWebClient injects,
 * VITE_GRAPHQL_URL at build time, else port 8080 on the page's own hostname — so a page opened on
 * localhost:5173 calls localhost:8080, which the router's default CORS origin allows. A production build never
 * takes the router from the page's address: a link could otherwise send the passwords typed on the genuine page,
 * and a signed-in tab's tokens, to any server.
 */
declare global {
  interface Window {
    __BUSLINE__?: { graphqlUrl?: string; demoAccounts?: boolean };
  }
}

const STORAGE_KEY = 'busline.api';

/** A value of this tab's sessionStorage; undefined when the browser refuses site storage. */
function stored(key: string, value?: string): string | undefined {
  try {
    if (value !== undefined) sessionStorage.setItem(key, value);
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function fromDevelopmentQuery(): string | undefined {
  if (!import.meta.env.DEV) return undefined;
  const fromQuery = new URLSearchParams(window.location.search).get('api');
  if (fromQuery && /^https?:\/\//.test(fromQuery)) return stored(STORAGE_KEY, fromQuery) ?? fromQuery;
  return stored(STORAGE_KEY);
}

function resolveGraphqlUrl(): string {
  return (
    fromDevelopmentQuery() ??
    window.__BUSLINE__?.graphqlUrl ??
    (import.meta.env.VITE_GRAPHQL_URL as string | undefined) ??
    `${window.location.protocol}//${window.location.hostname}:8080/graphql`
  );
}

export const graphqlUrl = resolveGraphqlUrl();
export const graphqlWsUrl = graphqlUrl.replace(/^http/, 'ws');

/** Whether the sign-in page offers the demo accounts: the server seeded them (npm start), or a development build. */
export const offersDemoAccounts = import.meta.env.DEV || window.__BUSLINE__?.demoAccounts === true;
