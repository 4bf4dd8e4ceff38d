import type { ReactNode } from 'react';
import { Link } from 'react-router';

// Booking numbers are ULIDs: 26 characters of Crockford's base 32 (no I, L,
// O or U). The bot names them ("Your booking number is 01J…", "(booking
// 01J…)"); the panel links each to its page under My bookings.
const BOOKING_NUMBER = /\b[0-9A-HJKMNP-TV-Z]{26}\b/g;

/** text with every booking number a link to its booking; onFollow runs when one is followed. */
export function linkify(text: string, onFollow?: () => void): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(BOOKING_NUMBER)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(
      <Link key={at} to={`/my-bookings/${m[0]}`} onClick={onFollow} aria-label={`booking ${m[0]}`}>
        {m[0]}
      </Link>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
