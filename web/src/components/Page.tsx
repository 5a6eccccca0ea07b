import type { ReactNode } from 'react';
import { usePageTitle } from '../app/usePageTitle';

/** A page's heading and title; the heading takes focus after navigation (see Layout). */
export function Page({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  usePageTitle(title);
  return (
    <div className={`page${wide ? ' page--wide' : ''}`}>
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>…</span>
    </p>
  );
}
