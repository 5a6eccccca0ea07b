import { describe, expect, test } from 'vitest';
import { cityName } from './names';

describe('city names by language', () => {
  const karachi = { cityName: 'Karachi', cityNameUr: 'کراچی' };
  test('Urdu readers get the Urdu name where the data has one, English readers the English', () => {
    expect(cityName(karachi, 'ur')).toBe('کراچی');
    expect(cityName(karachi, 'en')).toBe('Karachi');
    expect(cityName({ cityName: 'Nowhere', cityNameUr: null }, 'ur')).toBe('Nowhere');
  });
});
