import { describe, expect, it } from 'vitest';
import { berlin, makeCar } from '../test/fakeApi';
import {
  carValues,
  checkPhoto,
  createCarRequest,
  createLocationRequest,
  formatBytes,
  isTimeZone,
  locationValues,
  newCarValues,
  newLocationValues,
  parseAmount,
  updateCarRequest,
  updateLocationRequest,
  validateCar,
  validateLocation,
} from './validation';

const valid = { ...newCarValues('ber'), make: 'Kia', model: 'Ceed', dailyRate: '45.00' };

describe('car form', () => {
  it('reads the daily rate in the currency’s minor units', () => {
    expect(parseAmount('45', 'EUR')).toBe(4500);
    expect(parseAmount(' 45.5 ', 'EUR')).toBe(4550);
    expect(parseAmount('0.07', 'USD')).toBe(7);
    expect(parseAmount('45.', 'GBP')).toBe(4500);
    expect(parseAmount('1200', 'JPY')).toBe(1200);
    expect(parseAmount('12.345', 'EUR')).toEqual({ error: 'Use at most 2 decimals.' });
    expect(parseAmount('12.5', 'JPY')).toEqual({ error: 'JPY has no decimals.' });
    expect(parseAmount('', 'EUR')).toEqual({ error: 'Enter the daily rate.' });
    for (const bad of ['4,50', '-5', '1e3', '€45', '45 EUR']) expect(parseAmount(bad, 'EUR')).toHaveProperty('error');
  });

  it('names every bad field of a new car, and nothing of a good one', () => {
    expect(validateCar(valid, 'EUR')).toEqual({});
    const e = validateCar({ ...valid, id: 'Bad_Id', make: ' ', model: 'x'.repeat(41), seats: '10', dailyRate: '0.99', locationId: '' }, 'EUR');
    expect(Object.keys(e).sort()).toEqual(['dailyRate', 'id', 'locationId', 'make', 'model', 'seats']);
    expect(e.make).toBe('Enter the make.');
    expect(e.model).toBe('Use at most 40 characters.');
    expect(e.seats).toBe('Enter a whole number from 2 to 9.');
    expect(e.dailyRate).toBe('Must be between €1.00 and €10,000.00.');
    expect(validateCar({ ...valid, seats: '4.5' }, 'EUR').seats).toBeDefined();
    expect(validateCar({ ...valid, dailyRate: '10000.01' }, 'EUR').dailyRate).toBeDefined();
    expect(validateCar({ ...valid, id: 'ber-kia-1' }, 'EUR')).toEqual({});
  });

  it('makes the create body in minor units, the id only when given', () => {
    expect(createCarRequest({ ...valid, make: ' Kia ', seats: '5', dailyRate: '45.5' }, 'EUR')).toEqual({
      make: 'Kia',
      model: 'Ceed',
      type: 'compact',
      seats: 5,
      transmission: 'manual',
      locationId: 'ber',
      dailyRate: 4550,
    });
    expect(createCarRequest({ ...valid, id: 'ber-kia' }, 'EUR').id).toBe('ber-kia');
  });

  it('changes only what differs; a field left as it was passes as it was', () => {
    const van = makeCar('ber-007', { seats: 12, type: 'van', dailyRate: { amount: 13900, currency: 'EUR' } });
    const form = carValues(van);
    expect(form.dailyRate).toBe('139.00');
    expect(validateCar(form, 'EUR', van)).toEqual({}); // 12 seats, as seeded: kept
    expect(updateCarRequest(van, form, 'EUR')).toBeNull();
    expect(updateCarRequest(van, { ...form, dailyRate: '99.90' }, 'EUR')).toEqual({ dailyRate: 9990 });
    expect(validateCar({ ...form, seats: '11' }, 'EUR', van).seats).toBeDefined(); // a change must fit
    // A move to a location of another currency sends the rate in it.
    expect(updateCarRequest(van, { ...form, locationId: 'lhr' }, 'GBP')).toEqual({ locationId: 'lhr', dailyRate: 13900 });
    expect(updateCarRequest(van, { ...form, locationId: 'muc' }, 'EUR')).toEqual({ locationId: 'muc' });
  });
});

describe('photo check', () => {
  it('takes JPEG, PNG and WebP up to 5 MB, and says why not otherwise', () => {
    expect(checkPhoto({ name: 'a.png', type: 'image/png', size: 2048 })).toBeUndefined();
    expect(checkPhoto({ name: 'a.jpg', type: 'image/jpeg', size: 5 * 1024 * 1024 })).toBeUndefined();
    expect(checkPhoto({ name: 'a.webp', type: 'image/webp', size: 1 })).toBeUndefined();
    expect(checkPhoto({ name: 'a.gif', type: 'image/gif', size: 10 })).toBe('a.gif is not a JPEG, PNG or WebP image. Choose a photo in one of those formats.');
    expect(checkPhoto({ name: 'big.png', type: 'image/png', size: 5 * 1024 * 1024 + 1 })).toBe('big.png is 5 MB; a photo may be at most 5 MB.');
    expect(checkPhoto({ name: 'big.png', type: 'image/png', size: 7_500_000 })).toMatch(/is 7.2 MB/);
    expect(checkPhoto({ name: 'e.png', type: 'image/png', size: 0 })).toBe('e.png is empty.');
    expect(checkPhoto({ name: 'x.png', type: 'image/png', size: 2000 }, 1000)).toMatch(/at most 1000 bytes/);
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});

describe('location form', () => {
  const lisbon = { id: 'lis', name: 'Lisbon Airport', city: 'Lisbon', country: 'pt', timeZone: 'Europe/Lisbon', address: 'Alameda das Comunidades', currency: 'EUR' };

  it('knows the time zones', () => {
    expect(isTimeZone('Europe/Lisbon')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('names every bad field', () => {
    expect(validateLocation(lisbon, 'create')).toEqual({});
    const e = validateLocation({ ...newLocationValues(), id: 'L', country: 'PRT', timeZone: 'Mars/Olympus', currency: 'JPY' }, 'create');
    expect(Object.keys(e).sort()).toEqual(['address', 'city', 'country', 'currency', 'id', 'name', 'timeZone']);
    expect(e.timeZone).toMatch(/Not a time zone we know/);
    expect(e.currency).toBe('Choose one of AUD, CAD, CHF, EUR, GBP, NZD, USD.');
    expect(validateLocation({ ...lisbon, id: 'L' }, 'edit')).toEqual({}); // the id never changes
  });

  it('makes the bodies: trimmed, the country in capitals, a change only of what differs', () => {
    expect(createLocationRequest({ ...lisbon, name: ' Lisbon Airport ' })).toEqual({ ...lisbon, country: 'PT' });
    const form = locationValues(berlin);
    expect(updateLocationRequest(berlin, form)).toBeNull();
    expect(updateLocationRequest(berlin, { ...form, name: 'Berlin Hbf', currency: 'CHF' })).toEqual({ name: 'Berlin Hbf', currency: 'CHF' });
  });
});
