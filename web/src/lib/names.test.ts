import { describe, expect, test } from 'vitest';
import { cityName, inLang } from './names';

describe('city names by language', () => {
  const karachi = { cityName: 'Karachi', cityNameUr: 'کراچی' };
  test('Urdu readers get the Urdu name where the data has one, English readers the English', () => {
    expect(cityName(karachi, 'ur')).toBe('کراچی');
    expect(cityName(karachi, 'en')).toBe('Karachi');
    expect(cityName({ cityName: 'Nowhere', cityNameUr: null }, 'ur')).toBe('Nowhere');
    expect(cityName({ cityName: null, cityNameUr: null }, 'ur')).toBeNull();
  });
});

describe('owner-given names by language', () => {
  test('a space or closure reason shows its Urdu on Urdu pages, its English otherwise or when none', () => {
    expect(inLang('Main hall', 'مرکزی ہال', 'ur')).toBe('مرکزی ہال');
    expect(inLang('Main hall', 'مرکزی ہال', 'en')).toBe('Main hall');
    expect(inLang('Cabins', null, 'ur')).toBe('Cabins');
  });
});
