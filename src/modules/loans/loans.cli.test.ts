import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAreaCli } from '../../testing/area-cli.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { loansCli } from './loans.cli.ts';

// `markaz loans schedule` on a test database: the same calendar as the API's preview (issue 19
// review: the command had printed due dates on Saturdays and holidays that the API rolls).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2027-01-20T06:00:00Z');
  const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
  const rules = await admin.post('/api/v1/loans/rules', {
    effectiveFrom: '2027-01-20',
    graceDays: 0,
    reversalApprovalMinor: 10_000_000,
    backdateMaxDays: 365,
    dueDateRoll: 'next_working_day',
  });
  expect(rules.statusCode, rules.body).toBe(201);
  // A holiday staff confirmed: Monday 10 May 2027.
  const holiday = await admin.post('/api/v1/holidays', {
    day: '2027-05-10',
    nameEn: 'A confirmed holiday',
    nameUr: 'تصدیق شدہ چھٹی',
    kind: 'other',
  });
  expect(holiday.statusCode, holiday.body).toBe(201);
}, 120_000);
afterAll(() => t.close());

function run(...args: string[]) {
  return runAreaCli(t.deps, loansCli, ['loans', 'schedule', ...args]);
}

describe('markaz loans schedule', () => {
  const args = ['--principal', '3000000', '--months', '3', '--first', '2027-04-10', '--repayment-day', '10'];

  it('rolls due dates off weekends and holidays exactly as the API’s preview does', async () => {
    const cli = await run(...args, '--json');
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/loans/schedule-preview',
      payload: {
        principalMinor: 300_000_000,
        tenorMonths: 3,
        firstRepaymentDate: '2027-04-10',
        repaymentDay: 10,
      },
    });
    expect(api.statusCode, api.body).toBe(200);
    expect(cli.data).toEqual(api.json());
    // Saturday 10 Apr → Monday 12 Apr; the holiday on Monday 10 May → Tuesday 11 May; 10 Jun stays.
    expect((cli.data as { instalments: unknown[] }).instalments).toMatchObject([
      { dueDate: '2027-04-12', scheduledDate: '2027-04-10' },
      { dueDate: '2027-05-11', scheduledDate: '2027-05-10' },
      { dueDate: '2027-06-10' },
    ]);
  });

  it('prints the rolled due date and the day it was scheduled for', async () => {
    const { lines } = await run(...args);
    expect(lines.join('\n')).toMatch(/^\s*1\s+2027-04-12 \(from 2027-04-10\)\s+1,000,000\.00$/m);
    expect(lines.join('\n')).toMatch(/^\s*2\s+2027-05-11 \(from 2027-05-10\)\s+1,000,000\.00$/m);
    expect(lines.join('\n')).toMatch(/^\s*3\s+2027-06-10\s+1,000,000\.00$/m);
  });
});
