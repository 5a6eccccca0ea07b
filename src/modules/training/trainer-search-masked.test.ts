import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { createUser } from '../identity/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('staff’s trainer picker (issue 22: lists show masked values)', () => {
  it('finds a trainer by whole CNIC or email and shows both masked, also in the list of all', async () => {
    await createUser(t.deps, systemActor('test'), {
      role: 'trainer',
      name: 'Picker Trainer',
      email: 'picker.trainer@example.pk',
      cnic: '35202-7654321-9',
      password: TEST_PASSWORD,
    });
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    for (const q of ['', 'picker', '35202-7654321-9', '3520276543219', 'picker.trainer@example.pk']) {
      const res = await admin.get(`/api/v1/training/trainers?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json(), q).toContainEqual(
        expect.objectContaining({
          name: 'Picker Trainer',
          cnic: '35202-*****21-9',
          email: 'p*************@example.pk',
        }),
      );
      expect(res.body).not.toContain('7654321');
      expect(res.body).not.toContain('picker.trainer@');
    }
  });
});
