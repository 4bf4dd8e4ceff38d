// Dates in the API are calendar days "YYYY-MM-DD" in the pick-up location's
// time zone. We keep them as strings and do day arithmetic in UTC, where every
// day has 24 hours, so no local-time or DST surprise can shift a day.

import { dateTimeFormat } from './intl';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day in YYYY-MM-DD form. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function toUtc(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

/** Today's date in an IANA time zone ("Europe/Berlin"), as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    // An unknown zone: fall back to the browser's own.
    parts = dateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

export interface Period {
  pickupDate: string;
  returnDate: string;
}

/** The search's default: pick up tomorrow at the location, return three days later. */
export function defaultPeriod(timeZone: string, now: Date = new Date()): Period {
  const pickupDate = addDays(todayIn(timeZone, now), 1);
  return { pickupDate, returnDate: addDays(pickupDate, 3) };
}

/** "Mon, Jun 1, 2030": a calendar day, never shifted by the viewer's zone. */
export function formatDate(date: string, locale?: string, style: 'long' | 'short' = 'long'): string {
  if (!isIsoDate(date)) return date;
  const opts: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
      : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return dateTimeFormat(locale, opts).format(toUtc(date));
}

/** "Jun 1 – Jun 4, 2030" for a rental period. */
export function formatPeriod(p: Period, locale?: string): string {
  if (!isIsoDate(p.pickupDate) || !isIsoDate(p.returnDate)) return `${p.pickupDate} – ${p.returnDate}`;
  const fmt = dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return fmt.formatRange(toUtc(p.pickupDate), toUtc(p.returnDate));
}

/** "1 day", "3 days". */
export function formatDays(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}
