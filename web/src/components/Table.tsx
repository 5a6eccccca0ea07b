import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on a narrow phone instead of squeezing; the wrapper is focusable
 * and named so keyboard users can scroll it too. With `stack`, a phone shows it instead as one
 * card a row, each cell under its column's name (give each cell a data-label).
 */
export function ScrollTable({
  label,
  stack = false,
  children,
}: {
  label: string;
  stack?: boolean;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      <table className={stack ? 'table--stack' : undefined}>{children}</table>
    </section>
  );
}
