import type { ReactNode } from 'react';

/**
 * One figure with its label: the label above, the value below, each on its own line so they can
 * never sit on top of each other. The value shrinks with the card (container query units) and
 * wraps rather than spilling when even that is not enough.
 */
export function StatCard({
  label,
  value,
  note,
  tone = 'plain',
}: {
  label: ReactNode;
  value: ReactNode;
  /** A line under the value: a period, a target, a source. */
  note?: ReactNode;
  tone?: 'plain' | 'good' | 'warn' | 'muted';
}) {
  return (
    <div className={`stat-card stat-card--${tone}`}>
      <dt className="stat-card__label">{label}</dt>
      <dd className="stat-card__value">{value}</dd>
      {note ? <dd className="stat-card__note">{note}</dd> : null}
    </div>
  );
}

/** A grid of StatCards that fits as many columns as the width allows (one on a narrow phone). */
export function StatGrid({ label, children }: { label?: string; children?: ReactNode }) {
  return (
    <dl className="stat-grid" aria-label={label}>
      {children}
    </dl>
  );
}
