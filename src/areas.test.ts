import { describe, expect, it } from 'vitest';
import { AREAS, areas } from './areas.ts';
import { createTestApp } from './testing/test-app.ts';

const sorted = (xs: string[]) => [...xs].sort();
const changed = (route: string, params: Record<string, string | undefined>) =>
  sorted(areas.publicPages.changedBy(route, params));

describe('the composed areas', () => {
  it('knows which public pages each kind of write changes', () => {
    const id = '7d4c5b0e-1111-4222-8333-444455556666';
    const centre = [
      '/api/v1/centers',
      '/api/v1/public/centres',
      `/api/v1/centers/${id}`,
      `/api/v1/public/centres/${id}`,
    ];
    expect(changed('/api/v1/centers/:id', { id })).toEqual(sorted(centre));
    expect(changed('/api/v1/centers/:id/hours', { id })).toEqual(sorted(centre));
    expect(changed('/api/v1/centers/:id/closures/:closureId', { id, closureId: 'x' })).toEqual(
      sorted(centre),
    );
    expect(changed('/api/v1/centers', {})).toEqual(sorted(['/api/v1/centers', '/api/v1/public/centres']));
    expect(changed('/api/v1/promises/:id/correct', { id })).toEqual(sorted(['/api/v1/public/promises']));
    // Frequent writes that show on no public page never empty the cache.
    expect(changed('/api/v1/centers/:id/check-ins', { id })).toEqual(sorted([]));
    expect(changed('/api/v1/bookings', {})).toEqual(sorted([]));
    expect(changed('/api/v1/auth/login', {})).toEqual(sorted([]));
  });

  it('every public page the areas declare is a route the app serves', async () => {
    const t = await createTestApp();
    try {
      for (const url of areas.publicPages.routes)
        expect(t.app.hasRoute({ method: 'GET', url }), url).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('runs the jobs due in one tick in the order they always ran: snapshot, audit, housekeeping, bookings, close of business', async () => {
    const { allJobs } = await import('./jobs/registry.ts');
    const { testConfig } = await import('./config.ts');
    const names = allJobs({ areas, config: testConfig() } as never).map((j) => j.name);
    const at = (n: string) => {
      expect(names, n).toContain(n);
      return names.indexOf(n);
    };
    expect(at('transparency.snapshot')).toBeLessThan(at('audit.checkpoint'));
    expect(at('audit.checkpoint')).toBeLessThan(at('housekeeping'));
    expect(at('housekeeping')).toBeLessThan(at('bookings.no_show_release'));
    expect(at('bookings.no_show_release')).toBeLessThan(at('loans.close_of_business'));
  });

  it("lists each area once, with one sign-in, and figures in the portal's order", () => {
    expect(new Set(AREAS.map((a) => a.name)).size).toBe(AREAS.length);
    const keys = areas.figures.map((f) => f.key);
    expect(keys.indexOf('centres.applied')).toBeLessThan(keys.indexOf('training.trained'));
    expect(keys.indexOf('training.trained')).toBeLessThan(keys.indexOf('startup.grants_pkr'));
  });
});
