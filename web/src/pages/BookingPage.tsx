import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Booking, Car, UpdateBookingRequest } from '../api/client';
import { api } from '../api/client';
import type { Problem } from '../api/errors';
import { fieldMessages, toProblem } from '../api/errors';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert, CarImage, CarSpecs, ConfirmDialog, Empty, Loading, Money, StatusBadge, carName, typeLabel } from '../components/ui';
import { bookingPhase, canChange } from '../lib/bookings';
import { formatDate, formatDays, formatPeriod, isIsoDate, todayIn } from '../lib/dates';
import { useReloadOnBookingsChanged } from '../lib/bookingEvents';
import { latest, useAsync, useTitle } from '../lib/hooks';
import { useLocations } from '../lib/locations';
import { formatDifference, formatMoney } from '../lib/money';
import { fillPages } from '../lib/search';

const CHANGE_FIELDS = ['pickupDate', 'returnDate', 'carId'] as const;

interface Current {
  booking: Booking;
  etag: string;
}

export default function BookingPage() {
  const { bookingId = '' } = useParams();
  const routerLocation = useLocation();
  const [locs] = useLocations();
  const [load, reload] = useAsync(bookingId, (signal) => api().getBooking(bookingId, signal));
  useReloadOnBookingsChanged(reload); // cancelled in the chat
  const [current, setCurrent] = useState<Current | null>(null);
  const [flash, setFlash] = useState<string | undefined>((routerLocation.state as { flash?: string } | null)?.flash);
  const [mode, setMode] = useState<'view' | 'change'>('view');
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelBusy, setCancelBusy] = useState(false);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);

  useEffect(() => {
    if (load.status === 'done') setCurrent(load.data);
  }, [load]);

  const b = current?.booking;
  useTitle(b ? `Booking: ${carName(b.car)}` : 'Booking');
  const place = b && locs.status === 'done' ? locs.byId.get(b.locationId) : undefined;
  const today = todayIn(place?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);

  function doReload() {
    setActionProblem(null);
    setMode('view');
    reload();
  }

  async function cancelBooking() {
    if (!b) return;
    setCancelBusy(true);
    setActionProblem(null);
    try {
      const cancelled = await api().cancelBooking(b.id);
      setCurrent({ booking: cancelled, etag: `"${cancelled.version}"` });
      setFlash('Your booking is cancelled.');
      setMode('view');
    } catch (err) {
      setActionProblem(toProblem(err));
    } finally {
      setCancelBusy(false);
      setCancelOpen(false);
    }
  }

  if (load.status === 'error' && !current) {
    if (load.problem.code === 'not_found') {
      return (
        <div>
          <h1>Booking not found</h1>
          <Empty title="We could not find this booking.">
            <p>It may belong to another account, or the link is wrong.</p>
            <Link className="button" to="/my-bookings">
              My bookings
            </Link>
          </Empty>
        </div>
      );
    }
    return (
      <div>
        <h1>Booking</h1>
        <ProblemAlert problem={load.problem} onRetry={reload} />
      </div>
    );
  }

  // Shown once the locations are in too (or failed): the place's name and
  // address arriving later would push the rest of the page down.
  if (!b || !current || locs.status === 'loading') {
    return (
      <div>
        <h1>Booking</h1>
        <Loading label="Loading the booking…" />
      </div>
    );
  }

  const phase = bookingPhase(b, today);
  const changeable = canChange(b, today);

  return (
    <div className="booking-page">
      <p className="back-link">
        <Link to="/my-bookings">← My bookings</Link>
      </p>
      <h1>
        {carName(b.car)} <StatusBadge status={b.status} phase={phase} />
      </h1>
      {flash && <Alert kind="success" title={flash} />}
      {actionProblem && mode === 'view' && <ProblemAlert problem={actionProblem} />}
      {actionProblem?.code === 'version_mismatch' && mode === 'view' && (
        <button type="button" className="button button--secondary" onClick={doReload}>
          Reload the booking
        </button>
      )}

      <div className="booking-detail card">
        <CarImage car={b.car} className="booking-detail__image" eager />
        <div>
          <CarSpecs car={b.car} />
          <dl className="facts">
            <div>
              <dt>Dates</dt>
              <dd>
                {formatDate(b.pickupDate)} → {formatDate(b.returnDate)} ({formatDays(b.days)})
              </dd>
            </div>
            <div>
              <dt>Pick-up and return</dt>
              <dd>{place ? `${place.name}, ${place.address}` : b.locationId}</dd>
            </div>
            <div>
              <dt>Total</dt>
              <dd className="facts__total">
                <Money value={b.total} />
              </dd>
            </div>
            <div>
              <dt>Reference</dt>
              <dd className="mono">{b.id}</dd>
            </div>
          </dl>
        </div>
      </div>

      {b.status === 'CANCELLED' && <p className="muted">This booking is cancelled; the car is free again for these dates.</p>}
      {b.status === 'PICKED_UP' && (
        <p className="muted">You picked this car up. It is due back on {formatDate(b.returnDate)}; the booking can no longer be changed or cancelled.</p>
      )}
      {b.status === 'RETURNED' && <p className="muted">The car came back{b.returnedOn ? ` on ${formatDate(b.returnedOn)}` : ''}. This rental is over.</p>}
      {b.status === 'NO_SHOW' && <p className="muted">The car was not picked up, so this booking was marked as a no-show.</p>}
      {b.status === 'CONFIRMED' && !changeable && (
        <p className="muted">{phase === 'past' ? 'This rental is over.' : 'This booking has started, so it can no longer be changed or cancelled.'}</p>
      )}

      {changeable && mode === 'view' && (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setFlash(undefined);
              setActionProblem(null);
              setMode('change');
            }}
          >
            Change booking
          </button>
          <button type="button" className="button button--danger-outline" onClick={() => setCancelOpen(true)}>
            Cancel booking
          </button>
        </div>
      )}

      {changeable && mode === 'change' && (
        <ChangeForm
          current={current}
          today={today}
          onCancel={() => setMode('view')}
          onReload={doReload}
          onSaved={(next) => {
            setCurrent(next);
            setMode('view');
            setFlash(`Your booking is changed. The new total is ${formatMoney(next.booking.total)}.`);
          }}
        />
      )}

      <ConfirmDialog
        open={cancelOpen}
        title="Cancel this booking?"
        confirmLabel="Yes, cancel booking"
        cancelLabel="Keep booking"
        danger
        busy={cancelBusy}
        onConfirm={cancelBooking}
        onClose={() => setCancelOpen(false)}
      >
        <p>
          {carName(b.car)}, {formatPeriod(b)}. The car is released for others. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}

interface ChangeValues {
  pickupDate: string;
  returnDate: string;
  carId: string;
}

/**
 * Change dates and/or car. The new total comes from GET /cars/{id} with the
 * new dates and is shown before saving; saving sends If-Match with the ETag
 * of the version on screen, so a booking changed elsewhere is never
 * overwritten (412 → "This booking changed, reload").
 */
function ChangeForm(props: { current: Current; today: string; onSaved: (c: Current) => void; onCancel: () => void; onReload: () => void }) {
  const b = props.current.booking;
  const [form, setForm] = useState<ChangeValues>({ pickupDate: b.pickupDate, returnDate: b.returnDate, carId: b.carId });
  const [saving, setSaving] = useState(false);
  const [saveProblem, setSaveProblem] = useState<Problem | null>(null);
  const datesValid = isIsoDate(form.pickupDate) && isIsoDate(form.returnDate);
  const changed = form.pickupDate !== b.pickupDate || form.returnDate !== b.returnDate || form.carId !== b.carId;

  // The other cars at this location that are free for the new dates.
  const [cars] = useAsync(datesValid ? `${b.locationId}|${form.pickupDate}|${form.returnDate}` : null, async (signal) => {
    const res = await fillPages<Car>({
      fetchPage: (cursor) =>
        api()
          .listCars(
            { locationId: b.locationId, pickupDate: form.pickupDate, returnDate: form.returnDate, limit: 100, ...(cursor ? { cursor } : {}) },
            signal,
          )
          .then((r) => ({ items: r.cars, nextCursor: r.nextCursor })),
      enough: () => false,
      maxPages: 10,
    });
    return res.items;
  });
  const otherCars = useMemo(() => (latest(cars) ?? []).filter((c) => c.id !== b.carId), [cars, b.carId]);

  // The new total for exactly what is in the form.
  const quoteKey = changed && datesValid ? `${form.carId}|${form.pickupDate}|${form.returnDate}` : null;
  const [quote] = useAsync(quoteKey, (signal) => api().getCar(form.carId, { pickupDate: form.pickupDate, returnDate: form.returnDate }, signal));

  const quoteProblem = quote.status === 'error' ? quote.problem : null;
  const problem = saveProblem ?? quoteProblem;
  const fields = problem ? fieldMessages(problem, CHANGE_FIELDS) : { byField: {} as Record<string, string>, other: [] };
  // GET /cars/{id} counts this very booking against its own car, so
  // `available` is only meaningful for another car.
  const otherCarTaken = quote.status === 'done' && form.carId !== b.carId && quote.data.available === false;
  const carError = fields.byField.carId ?? (otherCarTaken ? 'This car is not free for these dates. Pick another car or other dates.' : undefined);
  const newQuote = quote.status === 'done' && quote.data.quote ? quote.data.quote : null;
  const canSave = changed && !!newQuote && !otherCarTaken && !saving && quote.status === 'done';

  function update(patch: Partial<ChangeValues>) {
    setSaveProblem(null);
    setForm((f) => ({ ...f, ...patch }));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!canSave) return;
    const body: UpdateBookingRequest = {};
    if (form.carId !== b.carId) body.carId = form.carId;
    if (form.pickupDate !== b.pickupDate) body.pickupDate = form.pickupDate;
    if (form.returnDate !== b.returnDate) body.returnDate = form.returnDate;
    setSaving(true);
    setSaveProblem(null);
    try {
      props.onSaved(await api().updateBooking(b.id, body, props.current.etag));
    } catch (err) {
      setSaveProblem(toProblem(err));
      setSaving(false);
      requestAnimationFrame(() => {
        const el = document.querySelector<HTMLElement>('.change-form [aria-invalid="true"]') ?? document.getElementById('change-error');
        el?.focus();
      });
    }
  }

  const selectedCar = form.carId === b.carId ? b.car : otherCars.find((c) => c.id === form.carId);

  return (
    <form className="change-form card" onSubmit={onSubmit} noValidate aria-labelledby="change-title">
      <h2 id="change-title">Change booking</h2>
      <div id="change-error" tabIndex={-1}>
        {saveProblem?.code === 'version_mismatch' ? (
          <Alert
            kind="error"
            title="This booking changed, reload it to see the latest version."
            actions={
              <button type="button" className="button button--small" onClick={props.onReload}>
                Reload
              </button>
            }
          >
            <p>It was changed in another window or device after you opened it. Nothing was saved.</p>
          </Alert>
        ) : saveProblem && saveProblem.code !== 'validation_failed' && saveProblem.code !== 'car_unavailable' ? (
          <ProblemAlert problem={saveProblem} extra={fields.other} {...(saveProblem.code === 'booking_started' || saveProblem.code === 'booking_cancelled' ? {} : { onRetry: () => setSaveProblem(null) })} />
        ) : fields.other.length > 0 ? (
          <ProblemAlert problem={problem!} extra={fields.other} />
        ) : null}
      </div>
      <div className="change-form__grid">
        <Field name="pickupDate" label="Pick-up date" error={fields.byField.pickupDate}>
          {(p) => <input {...p} type="date" min={props.today} value={form.pickupDate} onChange={(e) => update({ pickupDate: e.target.value })} />}
        </Field>
        <Field name="returnDate" label="Return date" error={fields.byField.returnDate}>
          {(p) => (
            <input {...p} type="date" min={form.pickupDate || props.today} value={form.returnDate} onChange={(e) => update({ returnDate: e.target.value })} />
          )}
        </Field>
        <Field
          name="carId"
          label="Car"
          className="change-form__car"
          error={carError}
          hint={cars.status === 'loading' ? 'Looking for other free cars…' : otherCars.length === 0 && cars.status === 'done' ? 'No other car is free for these dates.' : undefined}
        >
          {(p) => (
            <select {...p} value={form.carId} onChange={(e) => update({ carId: e.target.value })}>
              <option value={b.carId}>
                {carName(b.car)} (current car)
              </option>
              {otherCars.map((c) => (
                <option key={c.id} value={c.id}>
                  {carName(c)} · {typeLabel(c.type)}, {c.seats} seats, {c.transmission} · {formatMoney(c.dailyRate)}/day
                </option>
              ))}
              {form.carId !== b.carId && !otherCars.some((c) => c.id === form.carId) && <option value={form.carId}>{form.carId}</option>}
            </select>
          )}
        </Field>
      </div>

      <div className="change-form__quote" aria-live="polite">
        {!changed ? (
          <p className="muted">Pick new dates or another car to see the new total.</p>
        ) : quote.status === 'loading' ? (
          <Loading label="Getting the new total…" />
        ) : newQuote ? (
          <p className="new-total" data-testid="new-total">
            New total <strong>{formatMoney(newQuote.total)}</strong> for {formatDays(newQuote.days)}
            {selectedCar ? ` with the ${carName(selectedCar)}` : ''}
            <span className="muted">
              {' '}
              (was {formatMoney(b.total)}; {formatDifference(b.total, newQuote.total)})
            </span>
          </p>
        ) : null}
      </div>

      <div className="actions">
        <button type="submit" className="button" disabled={!canSave}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel} disabled={saving}>
          Keep as it is
        </button>
      </div>
    </form>
  );
}
