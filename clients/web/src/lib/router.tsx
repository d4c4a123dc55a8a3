import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A minimal history router: the app has a handful of pages, not worth a dependency. */
const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/**
 * `next` (a page to return to, from the address bar) when it is a path of this site, as the browser reads it:
 * `//host/`, `/\host/` and a tab between the slashes all name another site, and so does a path that only resolves to
 * one (`/..//host/` is `//host/`, which history refuses and a link would follow).
 */
export function pathOnThisSite(next: string | null): string | undefined {
  if (!next?.startsWith('/')) return undefined;
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin || /^\/[/\\]/.test(url.pathname)) return undefined;
    return url.pathname + url.search + url.hash;
  } catch {
    return undefined;
  }
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('popstate', onChange);
  };
}

const currentUrl = () => window.location.pathname + window.location.search;

/**
 * The current path and query. React compares the URL at subscription with the one it rendered, so a navigation
 * made before this component subscribed (a child's redirect on the very first render) still re-renders it.
 */
export function useLocation(): Location {
  const url = useSyncExternalStore(subscribe, currentUrl);
  const at = url.indexOf('?');
  return { path: at < 0 ? url : url.slice(0, at), query: new URLSearchParams(at < 0 ? '' : url.slice(at)) };
}

/** Matches "/trips/:id" against a path; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = have[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
