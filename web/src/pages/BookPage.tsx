import { useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CreateBookingRequest } from '../api/client';
import { api } from '../api/client';
import type { Problem } from '../api/errors';
import { fieldMessages, isRetryable, toProblem } from '../api/errors';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert, CarImage, CarSpecs, Empty, Loading, Money, carName } from '../components/ui';
import { formatDate, formatDays, isIsoDate } from '../lib/dates';
import { useAsync, useTitle } from '../lib/hooks';
import { BookingAttempts } from '../lib/idempotency';
import { useLocations } from '../lib/locations';

/** The review step: what is booked, for when, at what total; then confirm. */
export default function BookPage() {
  useTitle('Review your booking');
  const { carId = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const pickupDate = params.get('pickupDate');
  const returnDate = params.get('returnDate');
  const valid = isIsoDate(pickupDate) && isIsoDate(returnDate);
  const [locs] = useLocations();

  const [quote, reloadQuote] = useAsync(valid ? `${carId}|${pickupDate}|${returnDate}` : null, (signal) =>
    api().getCar(carId, { pickupDate: pickupDate!, returnDate: returnDate! }, signal),
  );
  const car = quote.status === 'done' ? quote.data : null;
  const place = car && locs.status === 'done' ? locs.byId.get(car.locationId) : undefined;

  const attempts = useRef(new BookingAttempts());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const carPage = `/car/${encodeURIComponent(carId)}?${params.toString()}`;

  async function confirm() {
    if (!car || !valid) return;
    const body: CreateBookingRequest = { carId: car.id, pickupDate, returnDate, locationId: car.locationId };
    const key = attempts.current.keyFor(body);
    setBusy(true);
    setProblem(null);
    try {
      const booking = await api().createBooking(body, key);
      attempts.current.finish(body);
      navigate(`/my-bookings/${encodeURIComponent(booking.id)}`, { state: { flash: 'Your booking is confirmed.' }, replace: true });
    } catch (err) {
      const p = toProblem(err);
      // An unknown outcome keeps the key: "Try again" is the same attempt.
      if (!isRetryable(p)) attempts.current.finish(body);
      setProblem(p);
      setBusy(false);
      requestAnimationFrame(() => document.getElementById('booking-error')?.focus());
    }
  }

  if (!valid) {
    return (
      <div>
        <h1>Review your booking</h1>
        <Empty title="The booking link is missing its dates.">
          <Link className="button" to={carPage}>
            Choose dates
          </Link>
        </Empty>
      </div>
    );
  }

  const fields = problem ? fieldMessages(problem, ['pickupDate', 'returnDate']) : null;

  return (
    <div className="book-page">
      <p className="back-link">
        <Link to={carPage}>← Back to the car</Link>
      </p>
      <h1>Review your booking</h1>
      {quote.status === 'loading' && <Loading label="Getting the price…" />}
      {quote.status === 'error' && <ProblemAlert problem={quote.problem} onRetry={reloadQuote} />}
      {car && (
        <div className="review card">
          <div className="review__car">
            <CarImage car={car} className="review__image" eager />
            <div>
              <h2>{carName(car)}</h2>
              <CarSpecs car={car} />
            </div>
          </div>
          <dl className="review__facts">
            <div>
              <dt>Pick-up and return</dt>
              <dd>{place ? `${place.name}, ${place.address}` : car.locationId}</dd>
            </div>
            <div>
              <dt>Pick-up date</dt>
              <dd>
                {formatDate(pickupDate)}
                {fields?.byField.pickupDate && (
                  <span className="field__error" data-field-error="pickupDate">
                    {fields.byField.pickupDate}
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt>Return date</dt>
              <dd>
                {formatDate(returnDate)}
                {fields?.byField.returnDate && (
                  <span className="field__error" data-field-error="returnDate">
                    {fields.byField.returnDate}
                  </span>
                )}
              </dd>
            </div>
            {car.quote && (
              <>
                <div>
                  <dt>Daily rate</dt>
                  <dd>
                    <Money value={car.dailyRate} /> × {formatDays(car.quote.days)}
                  </dd>
                </div>
                <div className="review__total">
                  <dt>Total</dt>
                  <dd>
                    <Money value={car.quote.total} />
                  </dd>
                </div>
              </>
            )}
          </dl>

          {car.available === false && !problem && (
            <Alert kind="warning" title="This car is not free for these dates any more.">
              <p>
                <Link to={carPage}>Pick other dates</Link> or <Link to={`/?location=${encodeURIComponent(car.locationId)}`}>another car</Link>.
              </p>
            </Alert>
          )}

          <div id="booking-error" tabIndex={-1} className="review__error">
            {problem &&
              (problem.code === 'car_unavailable' ? (
                <Alert kind="error" title="Sorry, someone else just booked this car for these dates.">
                  <p>
                    <Link to={`/?location=${encodeURIComponent(car.locationId)}&pickupDate=${pickupDate}&returnDate=${returnDate}`}>
                      See the cars that are still free
                    </Link>{' '}
                    or <Link to={carPage}>pick other dates</Link>.
                  </p>
                </Alert>
              ) : (
                <ProblemAlert problem={problem} extra={fields?.other} {...(isRetryable(problem) ? { onRetry: confirm } : {})} />
              ))}
          </div>

          <div className="review__actions">
            <button
              type="button"
              className="button button--large"
              onClick={confirm}
              disabled={busy || car.available === false || problem?.code === 'car_unavailable'}
              aria-describedby="review-note"
            >
              {/* One flex item, so the label wraps as text on a narrow screen. */}
              <span>
                {busy ? 'Booking…' : `Confirm booking${car.quote ? ` · ` : ''}`}
                {!busy && car.quote && <Money value={car.quote.total} />}
              </span>
            </button>
            <p id="review-note" className="muted">
              You can change or cancel this booking until the pick-up day.
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
