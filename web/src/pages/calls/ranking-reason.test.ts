import { describe, expect, it } from 'vitest';
import { rankingReason } from './ranking-reason';

describe('ranking reasons in Urdu', () => {
  it('words each of the ranking’s four sentences', () => {
    expect(rankingReason('2 of 3 evaluations submitted', 'ur')).toBe('3 میں سے 2 جانچیں جمع ہوئی ہیں');
    expect(rankingReason('Score 61.500 is below the pass mark of 65', 'ur')).toBe(
      'اسکور \u206661.500\u2069 کامیابی کے کم از کم نمبر 65 سے کم ہے',
    );
    expect(rankingReason('Score 82.000, rank 3 of 9 passing in PB, within the quota of 5', 'ur')).toBe(
      'اسکور \u206682.000\u2069؛ پنجاب میں کامیاب 9 درخواستوں میں درجہ 3؛ 5 نشستوں کے کوٹے کے اندر',
    );
    expect(
      rankingReason('Score 70.250, rank 6 of 9 passing in district 12 of SD, beyond the quota of 5', 'ur'),
    ).toContain('ضلع \u206612\u2069، سندھ');
  });
  it('names the province in English too, and leaves unknown text alone', () => {
    expect(rankingReason('Score 82.000, rank 3 of 9 passing in PB, within the quota of 5', 'en')).toBe(
      'Score 82.000, rank 3 of 9 passing in Punjab, within the quota of 5',
    );
    expect(rankingReason('something else', 'ur')).toBe('something else');
  });
});
