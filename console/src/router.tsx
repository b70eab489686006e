import { type AnchorHTMLAttributes, type MouseEvent, type ReactNode, useEffect, useSyncExternalStore } from 'react';

/**
 * A small router over the History API: the console has a dozen pages and no nested layouts,
 * so a route table and a link component are all it needs. The gateway answers every path
 * under the base with the app, so deep links and reloads work.
 */
const BASE = import.meta.env.BASE_URL; // '/console/'

const listeners = new Set<() => void>();
/** Whether the console has moved between its pages since it loaded (not a fresh document load). */
let movedWithinApp = false;
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', () => {
  movedWithinApp = true;
  notify();
});

/** True once a page was reached by navigating inside the console rather than by loading it. */
export function navigatedWithinApp(): boolean {
  return movedWithinApp;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The path below the base, without leading slash ("filings/abc"), plus the query string. */
function snapshot(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '';
  return `${path}${window.location.search}`;
}

export interface Location {
  path: string;
  search: URLSearchParams;
}

export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot);
  const [path, query = ''] = current.split('?');
  return { path: path!.replace(/\/$/, ''), search: new URLSearchParams(query) };
}

/**
 * Goes to a console page given relative to the base ("queue", "filings/abc?x=1"). A redirect
 * (an address standing for another) is not a move of the reader's: focus stays where it is.
 */
export function navigate(to: string, options: { replace?: boolean; redirect?: boolean } = {}): void {
  const url = `${BASE}${to.replace(/^\//, '')}`;
  if (options.replace || options.redirect) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  if (!options.redirect) movedWithinApp = true;
  notify();
}

/** Matches "filings/:id" against a path; answers the parameters, or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

/** A query parameter that must be one of `values` (an enum's): any other value, or none, gives `fallback`. */
export function enumParam<Value extends string, Fallback>(search: URLSearchParams, key: string, values: readonly Value[], fallback: Fallback): Value | Fallback {
  const value = search.get(key);
  return (values as readonly string[]).includes(value ?? '') ? (value as Value) : fallback;
}

/**
 * Moves a list page to other filters: its query parameters changed by `changes` (an empty value
 * removes its parameter), in place of the current address, so trying filters adds no history.
 */
export function replaceParams(path: string, search: URLSearchParams, changes: Record<string, string>): void {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  navigate(`${path}?${params}`, { replace: true });
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

/** A real link (open in a new tab, copy address) that navigates in place on a plain click. */
export function Link({ to, children, onClick, ...rest }: LinkProps) {
  const href = `${BASE}${to.replace(/^\//, '')}`;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={href} onClick={follow} {...rest}>
      {children}
    </a>
  );
}

/** Sends the browser elsewhere once rendered (e.g. a page that needs a sign-in). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { redirect: true }), [to]);
  return null;
}
