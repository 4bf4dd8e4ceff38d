import { describe, expect, it } from 'vitest';
import { difference, formatDifference, formatMoney, minorUnitDigits } from './money';

describe('money', () => {
  it('knows how many minor units a currency has', () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('BHD')).toBe(3);
  });

  it('formats minor units in the currency', () => {
    expect(formatMoney({ amount: 4500, currency: 'USD' }, 'en-US')).toBe('$45.00');
    expect(formatMoney({ amount: 123456, currency: 'USD' }, 'en-US')).toBe('$1,234.56');
    expect(formatMoney({ amount: 13500, currency: 'EUR' }, 'de-DE')).toBe('135,00\u00a0€');
    expect(formatMoney({ amount: 5000, currency: 'JPY' }, 'en-US')).toBe('¥5,000');
    expect(formatMoney({ amount: 1234, currency: 'BHD' }, 'en-US')).toMatch(/1\.234/);
    expect(formatMoney({ amount: 0, currency: 'GBP' }, 'en-GB')).toBe('£0.00');
  });

  it('does not lose cents to floating point', () => {
    expect(formatMoney({ amount: 1999, currency: 'USD' }, 'en-US')).toBe('$19.99');
    expect(formatMoney({ amount: 10, currency: 'USD' }, 'en-US')).toBe('$0.10');
  });

  it('copes with a code Intl does not know', () => {
    expect(formatMoney({ amount: 4500, currency: 'XXZ' }, 'en-US')).toMatch(/45\.00/);
  });

  it('says how a new total differs', () => {
    const before = { amount: 13500, currency: 'EUR' };
    expect(difference(before, { amount: 18000, currency: 'EUR' })).toEqual({ amount: 4500, currency: 'EUR' });
    expect(difference(before, { amount: 18000, currency: 'USD' })).toBeNull();
    expect(formatDifference(before, { amount: 18000, currency: 'EUR' }, 'en-US')).toBe('€45.00 more');
    expect(formatDifference(before, { amount: 9000, currency: 'EUR' }, 'en-US')).toBe('€45.00 less');
    expect(formatDifference(before, before, 'en-US')).toBe('no change');
  });
});
