import { describe, expect, it } from 'vitest';
import { formatDate } from '../lib/format';
import { localizeFieldIssue } from './server-messages';

describe('field messages in the reader’s language', () => {
  it('English readers get the server’s English', () => {
    expect(
      localizeFieldIssue({ message: 'must be at most 240', rule: 'too_big', params: { maximum: 240 } }, 'en'),
    ).toBe('must be at most 240');
  });
  it('Urdu readers get the rule worded in Urdu with its figure', () => {
    expect(
      localizeFieldIssue(
        { message: 'must be at most 240', rule: 'too_big', params: { maximum: 240, origin: 'number' } },
        'ur',
      ),
    ).toBe('زیادہ سے زیادہ 240 ہو سکتا ہے');
    expect(localizeFieldIssue({ message: 'is required', rule: 'required' }, 'ur')).toBe('یہ خانہ ضروری ہے');
  });
  it('an area’s own known message wins over its generic rule', () => {
    expect(localizeFieldIssue({ message: 'is already registered', rule: 'custom' }, 'ur')).toBe(
      'پہلے سے رجسٹرڈ ہے',
    );
  });
  it('an unknown rule and message fall back to the English', () => {
    expect(localizeFieldIssue({ message: 'odd thing', rule: 'nope' }, 'ur')).toBe('odd thing');
  });
  it('booking rules in Urdu, with the day and the hours', () => {
    expect(
      localizeFieldIssue(
        {
          message: '2026-12-01: outside opening hours 14:00–02:00',
          rule: 'outside_hours',
          params: { date: '2026-12-01', opens: '14:00', closes: '02:00' },
        },
        'ur',
      ),
    ).toBe('1 دسمبر، 2026: مرکز کے اوقات (\u206614:00–02:00\u2069) سے باہر');
    expect(
      localizeFieldIssue(
        { message: 'at most 12 hours in one booking', rule: 'too_long', params: { hours: 12 } },
        'ur',
      ),
    ).toBe('ایک بکنگ میں زیادہ سے زیادہ 12 گھنٹے');
    expect(localizeFieldIssue({ message: 'must be after from', rule: 'end_after_start' }, 'en')).toBe(
      'must be after from',
    );
  });
  it('a closure’s reason in Urdu where the owner gave one, else as written', () => {
    const closed = (params: Record<string, string>) => ({
      message: '2026-12-25: the centre is closed (Quaid Day)',
      rule: 'centre_closure',
      params: { date: '2026-12-25', reason: 'Quaid Day', ...params },
    });
    expect(localizeFieldIssue(closed({ reasonUr: 'یومِ قائدِ اعظم' }), 'ur')).toBe(
      '25 دسمبر، 2026: مرکز بند ہے (\u2068یومِ قائدِ اعظم\u2069)',
    );
    expect(localizeFieldIssue(closed({}), 'ur')).toBe('25 دسمبر، 2026: مرکز بند ہے (\u2068Quaid Day\u2069)');
    expect(localizeFieldIssue(closed({ reasonUr: 'یومِ قائدِ اعظم' }), 'en')).toBe(
      '2026-12-25: the centre is closed (Quaid Day)',
    );
  });
  it('the fund’s ceiling in the amount’s own currency, in Urdu', () => {
    const issue = {
      message: 'must be at most AED 2,000,000,000.00 (200000000000 minor units of AED)',
      rule: 'currency_ceiling',
      params: { currency: 'AED', ceiling: '2,000,000,000.00', ceilingMinor: 200000000000 },
    };
    expect(localizeFieldIssue(issue, 'en')).toBe(issue.message);
    expect(localizeFieldIssue(issue, 'ur')).toBe(
      'زیادہ سے زیادہ \u2066AED 2,000,000,000.00\u2069 ہو سکتا ہے (اس کرنسی کی حد)',
    );
  });
  it('a fund rule set dated in the past, in Urdu with today as Urdu writes it', () => {
    const issue = {
      message:
        'must be today (2026-11-28) or later: applications since were checked against the rules then in force',
      rule: 'effective_in_past',
      params: { date: '2026-11-28' },
    };
    expect(localizeFieldIssue(issue, 'en')).toBe(issue.message);
    const ur = localizeFieldIssue(issue, 'ur');
    expect(ur).toBe(
      `آج (${formatDate('2026-11-28', 'ur')}) یا بعد کی تاریخ ہونی چاہیے: اب تک کی درخواستیں اس وقت نافذ قواعد پر جانچی جا چکی ہیں`,
    );
  });
});
