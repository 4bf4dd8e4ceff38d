import { Link } from 'react-router';
import type { Booking } from '../api/client';
import { api } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { CarImage, Empty, Loading, Money, StatusBadge, carName } from '../components/ui';
import { bookingPhase, groupBookings } from '../lib/bookings';
import { formatDate, formatDays, formatPeriod, todayIn } from '../lib/dates';
import { useReloadOnBookingsChanged } from '../lib/bookingEvents';
import { useAsync, useTitle } from '../lib/hooks';
import { useLocations } from '../lib/locations';
import { fillPages } from '../lib/search';

export default function BookingsPage() {
  useTitle('My bookings');
  const [locs] = useLocations();
  const [state, reload] = useAsync('bookings', async (signal) => {
    const all = await fillPages<Booking>({
      fetchPage: (cursor) =>
        api()
          .listBookings({ limit: 100, ...(cursor ? { cursor } : {}) }, signal)
          .then((r) => ({ items: r.bookings, nextCursor: r.nextCursor })),
      enough: () => false,
      maxPages: 20,
    });
    return all.items;
  });
  useReloadOnBookingsChanged(reload); // booked or cancelled in the chat

  const byId = locs.status === 'done' ? locs.byId : new Map();
  const zoneOf = (id: string) => byId.get(id)?.timeZone;

  return (
    <div className="bookings-page">
      <h1>My bookings</h1>
      {/* The list waits for the locations too (or their failure): they name
          the places and decide what is past, and would move the rows. */}
      {(state.status === 'loading' || (state.status === 'done' && locs.status === 'loading')) && <Loading label="Loading your bookings…" />}
      {state.status === 'error' && <ProblemAlert problem={state.problem} onRetry={reload} />}
      {state.status === 'done' &&
        locs.status !== 'loading' &&
        (state.data.length === 0 ? (
          <Empty title="You have no bookings yet.">
            <p>Find a car for your next trip.</p>
            <Link className="button" to="/">
              Find a car
            </Link>
          </Empty>
        ) : (
          <Groups bookings={state.data} zoneOf={zoneOf} placeName={(id) => byId.get(id)?.name ?? id} />
        ))}
    </div>
  );
}

function Groups(props: { bookings: Booking[]; zoneOf: (id: string) => string | undefined; placeName: (id: string) => string }) {
  const g = groupBookings(props.bookings, props.zoneOf);
  const sections: [string, string, Booking[], string][] = [
    ['upcoming', 'Upcoming', g.upcoming, 'No upcoming bookings.'],
    ['past', 'Past', g.past, 'No past bookings.'],
    ['cancelled', 'Cancelled', g.cancelled, ''],
  ];
  return (
    <>
      {sections.map(([id, title, list, empty]) =>
        list.length === 0 && !empty ? null : (
          <section key={id} aria-labelledby={`${id}-title`} className="booking-group">
            <h2 id={`${id}-title`}>
              {title} <span className="count">({list.length})</span>
            </h2>
            {list.length === 0 ? (
              <p className="muted">{empty}</p>
            ) : (
              <ul className="booking-list">
                {list.map((b) => (
                  <li key={b.id}>
                    <BookingRow booking={b} zone={props.zoneOf(b.locationId)} place={props.placeName(b.locationId)} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ),
      )}
    </>
  );
}

function BookingRow({ booking: b, zone, place }: { booking: Booking; zone: string | undefined; place: string }) {
  const today = todayIn(zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <article className="booking-row card" data-testid="booking-row" data-booking-id={b.id}>
      <CarImage car={b.car} className="booking-row__image" />
      <div className="booking-row__body">
        <h3>
          <Link to={`/my-bookings/${encodeURIComponent(b.id)}`} className="stretched-link">
            {carName(b.car)}
          </Link>
        </h3>
        <p>{formatPeriod(b)}</p>
        <p className="muted">
          {place} · {formatDays(b.days)}
        </p>
        {b.status === 'RETURNED' && b.returnedOn && <p className="muted">Returned on {formatDate(b.returnedOn)}</p>}
      </div>
      <div className="booking-row__side">
        <StatusBadge status={b.status} phase={bookingPhase(b, today)} />
        <Money value={b.total} />
      </div>
    </article>
  );
}
