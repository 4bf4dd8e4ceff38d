// Grouping and rules for the signed-in user's bookings, in each location's own
// calendar (a booking's dates are days at its pick-up location).
import type { Booking } from '../api/client';
import { todayIn } from './dates';

export type BookingPhase = 'upcoming' | 'active' | 'past' | 'cancelled';

/**
 * Where a booking stands today at its location. The desk's statuses say
 * it whatever the days: a car picked up is out until it is returned (even
 * past its return day), a returned car or a no-show is over.
 */
export function bookingPhase(b: Pick<Booking, 'status' | 'pickupDate' | 'returnDate'>, today: string): BookingPhase {
  if (b.status === 'CANCELLED') return 'cancelled';
  if (b.status === 'PICKED_UP') return 'active';
  if (b.status === 'RETURNED' || b.status === 'NO_SHOW') return 'past';
  if (today < b.pickupDate) return 'upcoming';
  if (today < b.returnDate) return 'active';
  return 'past';
}

/** A booking can be changed or cancelled until its pick-up day comes (booking rules). */
export function canChange(b: Pick<Booking, 'status' | 'pickupDate'>, today: string): boolean {
  return b.status === 'CONFIRMED' && today < b.pickupDate;
}

export interface GroupedBookings {
  upcoming: Booking[]; // upcoming and under way, soonest first
  past: Booking[]; // most recent first
  cancelled: Booking[]; // newest pick-up first
}

/**
 * Splits bookings into upcoming (including the ones under way), past and
 * cancelled. zoneOf gives a location's time zone (undefined: the browser's).
 */
export function groupBookings(bookings: readonly Booking[], zoneOf: (locationId: string) => string | undefined, now: Date = new Date()): GroupedBookings {
  const g: GroupedBookings = { upcoming: [], past: [], cancelled: [] };
  for (const b of bookings) {
    const zone = zoneOf(b.locationId);
    const today = todayIn(zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, now);
    const phase = bookingPhase(b, today);
    if (phase === 'cancelled') g.cancelled.push(b);
    else if (phase === 'past') g.past.push(b);
    else g.upcoming.push(b);
  }
  g.upcoming.sort((a, b) => a.pickupDate.localeCompare(b.pickupDate) || a.id.localeCompare(b.id));
  g.past.sort((a, b) => b.pickupDate.localeCompare(a.pickupDate) || a.id.localeCompare(b.id));
  g.cancelled.sort((a, b) => b.pickupDate.localeCompare(a.pickupDate) || a.id.localeCompare(b.id));
  return g;
}
