import { describe, expect, it } from 'vitest';
import type { Booking } from '../api/client';
import { bookingPhase, canChange, groupBookings } from './bookings';

function booking(id: string, over: Partial<Booking>): Booking {
  return {
    id,
    carId: 'car-1',
    locationId: 'ber',
    pickupDate: '2030-06-10',
    returnDate: '2030-06-13',
    days: 3,
    total: { amount: 1, currency: 'EUR' },
    status: 'CONFIRMED',
    version: 1,
    createdAt: '2030-05-01T00:00:00Z',
    updatedAt: '2030-05-01T00:00:00Z',
    car: { id: 'car-1', make: 'VW', model: 'Golf', type: 'compact', seats: 5, transmission: 'manual', imageUrl: 'https://x' },
    ...over,
  };
}

describe('bookings', () => {
  it('knows where a booking stands', () => {
    const b = booking('b', {});
    expect(bookingPhase(b, '2030-06-09')).toBe('upcoming');
    expect(bookingPhase(b, '2030-06-10')).toBe('active');
    expect(bookingPhase(b, '2030-06-12')).toBe('active');
    expect(bookingPhase(b, '2030-06-13')).toBe('past'); // the car is due back on the return date
    expect(bookingPhase({ ...b, status: 'CANCELLED' }, '2030-06-01')).toBe('cancelled');
  });

  it('allows changes only before the pick-up day', () => {
    const b = booking('b', {});
    expect(canChange(b, '2030-06-09')).toBe(true);
    expect(canChange(b, '2030-06-10')).toBe(false);
    expect(canChange({ ...b, status: 'CANCELLED' }, '2030-06-01')).toBe(false);
  });

  it('takes the desk statuses over the days', () => {
    const b = booking('b', {});
    expect(bookingPhase({ ...b, status: 'PICKED_UP' }, '2030-06-11')).toBe('active');
    expect(bookingPhase({ ...b, status: 'PICKED_UP' }, '2030-06-20')).toBe('active'); // overdue: still out
    expect(bookingPhase({ ...b, status: 'RETURNED' }, '2030-06-11')).toBe('past'); // back early, before its return day
    expect(bookingPhase({ ...b, status: 'NO_SHOW' }, '2030-06-10')).toBe('past');
    for (const status of ['PICKED_UP', 'RETURNED', 'NO_SHOW'] as const) {
      expect(canChange({ ...b, status }, '2030-06-01')).toBe(false);
    }
  });

  it('groups by phase in each location time zone', () => {
    // 23:30 UTC on June 9th: June 10th in Berlin (started), June 9th in San Francisco (upcoming).
    const now = new Date('2030-06-09T23:30:00Z');
    const zones: Record<string, string> = { ber: 'Europe/Berlin', sfo: 'America/Los_Angeles' };
    const g = groupBookings(
      [
        booking('ber-started', { locationId: 'ber' }),
        booking('sfo-upcoming', { locationId: 'sfo' }),
        booking('later', { locationId: 'sfo', pickupDate: '2030-07-01', returnDate: '2030-07-02' }),
        booking('old', { pickupDate: '2030-01-01', returnDate: '2030-01-05' }),
        booking('older', { pickupDate: '2029-01-01', returnDate: '2029-01-05' }),
        booking('gone', { status: 'CANCELLED' }),
      ],
      (id) => zones[id],
      now,
    );
    expect(g.upcoming.map((b) => b.id)).toEqual(['ber-started', 'sfo-upcoming', 'later']);
    expect(bookingPhase(g.upcoming[0]!, '2030-06-10')).toBe('active');
    expect(g.past.map((b) => b.id)).toEqual(['old', 'older']);
    expect(g.cancelled.map((b) => b.id)).toEqual(['gone']);
  });
});
