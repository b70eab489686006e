import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export type Role = 'IMPORTER' | 'ENTRY_SPECIALIST' | 'IMPORT_SPECIALIST' | 'SUPERVISOR' | 'ACCOUNT_MANAGER' | 'CENTER_DIRECTOR' | 'ADMIN';

export const STAFF_ROLES: readonly Role[] = ['ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR'];

/** Who is signed in, as their token says. The graph checks the token on every request; this only shapes the pages. */
export interface Viewer {
  token: string;
  role: Role;
  email?: string;
  name?: string;
  centerId?: string;
  importerId?: string;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
}

export function isStaff(viewer: Viewer | null): boolean {
  return !!viewer && STAFF_ROLES.includes(viewer.role);
}

export function isCbp(viewer: Viewer | null): boolean {
  return !!viewer && (viewer.role === 'ADMIN' || STAFF_ROLES.includes(viewer.role));
}

/** Reads a JWT's claims without verifying it (the gateway verifies); null when it is not a token of a known role. */
export function viewerFromToken(token: string): Viewer | null {
  const [, payload] = token.trim().split('.');
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (char) => char.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return null;
  }
  const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string) : undefined);
  const role = text('role');
  if (!role || !(['IMPORTER', 'ADMIN', ...STAFF_ROLES] as string[]).includes(role)) return null;
  return {
    token: token.trim(),
    role: role as Role,
    email: text('email'),
    name: text('name'),
    centerId: text('centerId'),
    importerId: text('importerId'),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
  };
}

/** Per tab, so two tabs (or a test's two browser contexts) can be two different people. */
const STORAGE_KEY = 'cee-hub.console.token';

interface Session {
  viewer: Viewer | null;
  /** Why the last session ended, when it was not the viewer's choice. */
  endedBecause: string | null;
  signIn(token: string): Viewer;
  signOut(reason?: string): void;
}

const SessionContext = createContext<Session | null>(null);

function storedViewer(): Viewer | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  const viewer = token ? viewerFromToken(token) : null;
  return viewer && (!viewer.expiresAt || viewer.expiresAt > Date.now()) ? viewer : null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Viewer | null>(storedViewer);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  const signOut = useCallback((reason?: string) => {
    sessionStorage.removeItem(STORAGE_KEY);
    setViewer(null);
    setEndedBecause(reason ?? null);
  }, []);

  const signIn = useCallback((token: string) => {
    const next = viewerFromToken(token);
    if (!next) throw new Error('That is not a CEE Hub token: it names no known role');
    if (next.expiresAt && next.expiresAt <= Date.now()) throw new Error('That token has expired; get a new one');
    sessionStorage.setItem(STORAGE_KEY, next.token);
    setViewer(next);
    setEndedBecause(null);
    return next;
  }, []);

  // A token stops working when it expires; say so rather than let requests fail one by one.
  useEffect(() => {
    if (!viewer?.expiresAt) return;
    const timer = window.setTimeout(() => signOut('Your sign-in expired; sign in again.'), Math.max(viewer.expiresAt - Date.now(), 0));
    return () => window.clearTimeout(timer);
  }, [viewer, signOut]);

  const session = useMemo(() => ({ viewer, endedBecause, signIn, signOut }), [viewer, endedBecause, signIn, signOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in viewer; pages that need one are only routed to when there is one. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('This page needs a signed-in viewer');
  return viewer;
}
