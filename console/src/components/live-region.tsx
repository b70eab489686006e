import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

interface Announcer {
  /** Says something to screen readers without moving focus (a live update, a decision done). */
  announce(message: string): void;
}

const AnnouncerContext = createContext<Announcer>({ announce: () => undefined });

/** One polite live region for the whole console; pages announce into it. */
export function LiveAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((next: string) => {
    // Clearing first makes a repeated message be read again.
    setMessage('');
    window.setTimeout(() => setMessage(next), 50);
  }, []);
  const value = useMemo(() => ({ announce }), [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnouncerContext).announce;
}
