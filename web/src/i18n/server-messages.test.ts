import { describe, expect, it } from 'vitest';
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
});
