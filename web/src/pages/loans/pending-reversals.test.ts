import { describe, expect, it } from 'vitest';
import { splitPending } from './pending-reversals';

describe('pending reversals for the reader', () => {
  it('keeps the reader’s own requests out of the list to approve, shown apart', () => {
    const list = [
      { id: 'a', askedByYou: false },
      { id: 'b', askedByYou: true },
      { id: 'c', askedByYou: false },
    ];
    const { toDecide, mine } = splitPending(list);
    expect(toDecide.map((r) => r.id)).toEqual(['a', 'c']);
    expect(mine.map((r) => r.id)).toEqual(['b']);
  });
});
