import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, defaultPeriod, formatDate, formatDays, formatPeriod, isIsoDate, todayIn } from './dates';

describe('dates', () => {
  it('accepts only real calendar days', () => {
    expect(isIsoDate('2030-06-01')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2030-02-29')).toBe(false);
    expect(isIsoDate('2030-13-01')).toBe(false);
    expect(isIsoDate('2030-6-1')).toBe(false);
    expect(isIsoDate('')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('adds days across months, years and DST changes', () => {
    expect(addDays('2030-01-31', 1)).toBe('2030-02-01');
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01');
    expect(addDays('2030-03-30', 1)).toBe('2030-03-31'); // Europe's DST change
    expect(addDays('2030-03-01', -1)).toBe('2030-02-28');
    expect(daysBetween('2030-06-01', '2030-06-04')).toBe(3);
    expect(daysBetween('2030-03-30', '2030-04-02')).toBe(3);
    expect(daysBetween('2030-06-04', '2030-06-01')).toBe(-3);
  });

  it('takes today in the location time zone, not the browser one', () => {
    // 23:30 UTC on June 1st: already June 2nd in Berlin, still June 1st in San Francisco.
    const now = new Date('2030-06-01T23:30:00Z');
    expect(todayIn('Europe/Berlin', now)).toBe('2030-06-02');
    expect(todayIn('America/Los_Angeles', now)).toBe('2030-06-01');
    expect(todayIn('Asia/Tokyo', now)).toBe('2030-06-02');
    expect(todayIn('UTC', now)).toBe('2030-06-01');
  });

  it('falls back to the browser zone for an unknown zone', () => {
    expect(isIsoDate(todayIn('Not/AZone', new Date('2030-06-01T12:00:00Z')))).toBe(true);
  });

  it('defaults to tomorrow at the location and three days', () => {
    const now = new Date('2030-06-01T23:30:00Z');
    expect(defaultPeriod('Europe/Berlin', now)).toEqual({ pickupDate: '2030-06-03', returnDate: '2030-06-06' });
    expect(defaultPeriod('America/Los_Angeles', now)).toEqual({ pickupDate: '2030-06-02', returnDate: '2030-06-05' });
  });

  it('formats a day without shifting it', () => {
    expect(formatDate('2030-06-01', 'en-US')).toBe('Sat, Jun 1, 2030');
    expect(formatDate('2030-06-01', 'en-US', 'short')).toBe('Jun 1');
    expect(formatDate('garbage', 'en-US')).toBe('garbage');
    expect(formatPeriod({ pickupDate: '2030-06-01', returnDate: '2030-06-04' }, 'en-US').replace(/\s/g, ' ')).toBe('Jun 1 – 4, 2030');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(3)).toBe('3 days');
  });
});
