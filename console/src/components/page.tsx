import { type ReactNode, useEffect, useRef } from 'react';
import { navigatedWithinApp } from '../router';

/**
 * A page: sets the document title and, when reached by navigating inside the console, moves
 * focus to its heading so keyboard and screen reader users start at the new content (such a
 * navigation loads no new document). A fresh load leaves focus where browsers put it, at the
 * top, where the skip link is.
 */
export function Page({ title, intro, children, actions }: { title: string; intro?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · CEE Hub console`;
  }, [title]);
  useEffect(() => {
    if (navigatedWithinApp()) heading.current?.focus();
  }, []);
  return (
    <>
      <div className="page-heading">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {intro ? <div className="page-intro">{intro}</div> : null}
      {children}
    </>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}
