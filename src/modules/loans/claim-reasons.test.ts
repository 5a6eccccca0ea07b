import { describe, expect, it } from 'vitest';
import { CLAIM_REASON_CODES, claimReasonText, readClaimReason } from './claim-reasons.ts';
import { partlyIneligible } from './claims.service.ts';

describe('claim line and clawback reasons as stable codes', () => {
  it('every code reads back from the English it stores, with its date', () => {
    for (const code of CLAIM_REASON_CODES) {
      const date = code === 'no_subsidy' ? null : '2026-05-11';
      expect(readClaimReason(claimReasonText({ code, date }))).toEqual({ code, date });
    }
  });

  it('a partly ineligible line and the clawback service’s SQL wording get their codes', () => {
    const q2 = { start: '2026-04-01', end: '2026-06-30' };
    expect(readClaimReason(partlyIneligible({ classifiedLossOn: '2026-05-11', closedOn: null }, q2))).toEqual(
      {
        code: 'partly_classified_loss',
        date: '2026-05-11',
      },
    );
    // clawback.service.ts: 'classified loss from ' || date, 'closed on ' || date.
    expect(readClaimReason('classified loss from 2026-05-11')).toEqual({
      code: 'classified_loss_from',
      date: '2026-05-11',
    });
    expect(readClaimReason('closed on 2026-06-30')).toEqual({ code: 'closed', date: '2026-06-30' });
  });

  it('no reason, or one it did not write, has no code', () => {
    expect(readClaimReason(null)).toBeNull();
    expect(readClaimReason('something else')).toBeNull();
  });
});
