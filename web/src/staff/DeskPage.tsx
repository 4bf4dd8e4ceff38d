// The desk: a location's pick-ups and returns of a day (default today
// there), each with its customer and car, and the buttons that mark it
// picked up, returned (on an earlier day if it came back then) or a
// no-show. Each change sends If-Match with the version on screen.
import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Location } from '../api/client';
import type { Problem } from '../api/errors';
import { fieldMessages, toProblem } from '../api/errors';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert, CarImage, Loading, StatusBadge, carName } from '../components/ui';
import { bookingPhase } from '../lib/bookings';
import { formatDate, formatDays, formatPeriod, isIsoDate, todayIn } from '../lib/dates';
import { useAsync, useTitle } from '../lib/hooks';
import type { DeskBooking, DeskStatus } from './api';
import { staffApi } from './api';
import { useStaffLocations } from './locations';
import { LocationSelect, RefusalAlert, VisuallyHidden, useLocationParam } from './shared';

export default function DeskPage() {
  useTitle('Desk');
  const [locs, reloadLocations] = useStaffLocations();
  const locations = locs.status === 'done' ? locs.locations : undefined;
  const [place, setPlace] = useLocationParam(locations);
  const [params, setParams] = useSearchParams();
  const today = place ? todayIn(place.timeZone) : '';
  const asked = params.get('date');
  const date = isIsoDate(asked) ? asked : today;

  // What the day's field holds while it is typed (a half-typed date is
  // empty to the page): the desk follows once it is a whole day.
  const [dayText, setDayText] = useState(date);
  useEffect(() => setDayText(date), [date]);

  const [desk, reload] = useAsync(place && date ? `${place.id}|${date}` : null, (signal) => staffApi().getDesk(place!.id, date, signal));

  function setDate(d: string) {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (place) next.set('location', place.id);
        if (d && d !== today) next.set('date', d);
        else next.delete('date');
        return next;
      },
      { replace: true },
    );
  }

  if (locs.status === 'error') {
    return (
      <div>
        <h1>Desk</h1>
        <ProblemAlert problem={locs.problem} onRetry={reloadLocations} />
      </div>
    );
  }
  if (!locations || !place) {
    return (
      <div>
        <h1>Desk</h1>
        <Loading label="Loading the locations…" />
      </div>
    );
  }

  return (
    <div className="desk-page">
      <h1>Desk</h1>
      <div className="staff-toolbar">
        <LocationSelect label="Location" locations={locations} value={place.id} onChange={setPlace} />
        <Field name="date" label="Day" hint={`Days at ${place.name} (${place.timeZone})`}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={dayText}
              onChange={(e) => {
                setDayText(e.target.value);
                if (isIsoDate(e.target.value)) setDate(e.target.value);
              }}
            />
          )}
        </Field>
        <div className="staff-toolbar__buttons">
          {date !== today && (
            <button type="button" className="button button--secondary" onClick={() => setDate(today)}>
              Today
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={reload}>
            Reload
          </button>
        </div>
      </div>

      {desk.status === 'error' ? (
        <ProblemAlert problem={desk.problem} onRetry={reload} />
      ) : desk.status !== 'done' ? (
        <Loading label="Loading the day at the desk…" />
      ) : (
        <DeskDay
          key={`${desk.data.location.id}|${desk.data.date}`}
          place={desk.data.location}
          date={desk.data.date}
          today={today}
          pickups={desk.data.pickups}
          returns={desk.data.returns}
          onReload={reload}
        />
      )}
    </div>
  );
}

function DeskDay(props: { place: Location; date: string; today: string; pickups: DeskBooking[]; returns: DeskBooking[]; onReload: () => void }) {
  const when = props.date === props.today ? `Today, ${formatDate(props.date)}` : formatDate(props.date);
  return (
    <>
      <p className="desk-summary" role="status">
        {when} at {props.place.name}: {count(props.pickups.length, 'pick-up')}, {count(props.returns.length, 'return')}.
      </p>
      <DeskList id="pickups" title="Pick-ups" empty="No pick-ups on this day." bookings={props.pickups} date={props.date} today={props.today} onReload={props.onReload} />
      <DeskList id="returns" title="Returns" empty="No returns due on this day." bookings={props.returns} date={props.date} today={props.today} onReload={props.onReload} />
    </>
  );
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function DeskList(props: { id: string; title: string; empty: string; bookings: DeskBooking[]; date: string; today: string; onReload: () => void }) {
  return (
    <section aria-labelledby={`${props.id}-title`} className="desk-list">
      <h2 id={`${props.id}-title`}>
        {props.title} <span className="count">({props.bookings.length})</span>
      </h2>
      {props.bookings.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="booking-list">
          {props.bookings.map((b) => (
            <li key={b.id}>
              <DeskRow booking={b} date={props.date} today={props.today} onReload={props.onReload} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const DONE: Record<DeskStatus, string> = {
  PICKED_UP: 'Marked picked up.',
  RETURNED: 'Marked returned.',
  NO_SHOW: 'Marked a no-show.',
};

/** The day a returned car is marked back on by default: the desk's day, but never after today or before the pick-up. */
export function defaultReturnDay(b: Pick<DeskBooking, 'pickupDate'>, deskDate: string, today: string): string {
  const d = deskDate > today ? today : deskDate;
  return d < b.pickupDate ? b.pickupDate : d;
}

export function DeskRow(props: { booking: DeskBooking; date: string; today: string; onReload: () => void }) {
  const uid = useId();
  const [b, setB] = useState(props.booking);
  const [busy, setBusy] = useState<DeskStatus | null>(null);
  const [done, setDone] = useState<string>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [returnedOn, setReturnedOn] = useState(() => defaultReturnDay(props.booking, props.date, props.today));
  useEffect(() => setB(props.booking), [props.booking]);

  const who = b.email ?? `customer ${b.customerId}`;
  const titleId = `desk-${uid}`;
  const fields = problem ? fieldMessages(problem, ['returnedOn']) : { byField: {} as Record<string, string>, other: [] as string[] };

  async function mark(status: DeskStatus) {
    setBusy(status);
    setProblem(null);
    setDone(undefined);
    try {
      const { booking } = await staffApi().setBookingStatus(b, status, status === 'RETURNED' ? returnedOn : undefined);
      setB((old) => ({ ...old, ...booking }));
      setDone(DONE[status]);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <article className="desk-row card" data-testid="desk-row" data-booking-id={b.id} aria-labelledby={titleId}>
      <div className="desk-row__main">
        <CarImage car={b.car} className="desk-row__image" />
        <div className="desk-row__body">
          <h3 id={titleId}>
            {carName(b.car)} <span className="muted">· {who}</span>
          </h3>
          <p>
            {formatPeriod(b)} ({formatDays(b.days)})
          </p>
          <p className="muted">
            Booking <span className="mono">{b.id}</span> · car <span className="mono">{b.carId}</span>
          </p>
          {b.status === 'RETURNED' && b.returnedOn && <p>Returned on {formatDate(b.returnedOn)}</p>}
        </div>
        <div className="desk-row__side">
          <StatusBadge status={b.status} phase={bookingPhase(b, props.today)} />
        </div>
      </div>
      {(b.status === 'CONFIRMED' || b.status === 'PICKED_UP') && (
        <div className="desk-row__actions">
          {b.status === 'CONFIRMED' && (
            <>
              <button type="button" className="button" disabled={busy !== null} onClick={() => mark('PICKED_UP')}>
                {busy === 'PICKED_UP' ? 'Saving…' : 'Mark picked up'}
                <VisuallyHidden>: {carName(b.car)}, {who}</VisuallyHidden>
              </button>
              <button type="button" className="button button--danger-outline" disabled={busy !== null} onClick={() => mark('NO_SHOW')}>
                {busy === 'NO_SHOW' ? 'Saving…' : 'No-show'}
                <VisuallyHidden>: {carName(b.car)}, {who}</VisuallyHidden>
              </button>
            </>
          )}
          {b.status === 'PICKED_UP' && (
            <>
              <Field name="returnedOn" label="Returned on" error={fields.byField.returnedOn} className="desk-row__returned-on">
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    min={b.pickupDate}
                    max={props.today}
                    value={returnedOn}
                    onChange={(e) => {
                      setProblem(null);
                      setReturnedOn(e.target.value);
                    }}
                  />
                )}
              </Field>
              <button type="button" className="button" disabled={busy !== null || !isIsoDate(returnedOn)} onClick={() => mark('RETURNED')}>
                {busy === 'RETURNED' ? 'Saving…' : 'Mark returned'}
                <VisuallyHidden>: {carName(b.car)}, {who}</VisuallyHidden>
              </button>
            </>
          )}
        </div>
      )}
      <div className="desk-row__result">
        {done && <Alert kind="success" title={done} />}
        {problem?.code === 'version_mismatch' ? (
          <Alert
            kind="error"
            title="This booking changed since the desk was loaded. Nothing was saved."
            actions={
              <button type="button" className="button" onClick={props.onReload}>
                Reload the desk
              </button>
            }
          />
        ) : problem && !(problem.code === 'validation_failed' && fields.byField.returnedOn && fields.other.length === 0) ? (
          <RefusalAlert problem={problem} other={fields.other} detail={problem.code === 'invalid_transition'} />
        ) : null}
      </div>
    </article>
  );
}
