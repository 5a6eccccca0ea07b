import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { LEGACY, oversized } from '../../scripts/check-file-size.mjs';

describe('the file-size rule', () => {
  it('fails a new file over 400 lines, names it, and lets listed legacy files be', () => {
    const sizes = [
      { file: 'web/src/pages/NewPage.tsx', lines: 401 },
      { file: 'web/src/pages/Small.tsx', lines: 400 },
      { file: 'web/src/pages/bookings/SetupPage.tsx', lines: 993 },
    ];
    const problems = oversized(sizes, { 'web/src/pages/bookings/SetupPage.tsx': 993 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^web\/src\/pages\/NewPage\.tsx: 401 lines, over 400/);
  });

  it('allows no web file over the limit: the legacy web pages are all split (issue 17)', () => {
    expect(Object.keys(LEGACY).filter((f) => f.startsWith('web/'))).toEqual([]);
  });
});
