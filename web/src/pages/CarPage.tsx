import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { fieldMessages, toProblem } from '../api/errors';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert, CarImage, CarSpecs, Empty, Loading, Money, carName } from '../components/ui';
import { defaultPeriod, formatDate, formatDays, isIsoDate, todayIn, type Period } from '../lib/dates';
import { latest, useAsync, useTitle } from '../lib/hooks';
import { useLocations } from '../lib/locations';
import { carKey, takePrefetchedCar } from '../lib/prefetch';
import { searchToParams } from '../lib/search';

const DATE_FIELDS = ['pickupDate', 'returnDate'] as const;

export default function CarPage() {
  const { carId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const pickupDate = params.get('pickupDate');
  const returnDate = params.get('returnDate');
  const period: Period | null = isIsoDate(pickupDate) && isIsoDate(returnDate) ? { pickupDate, returnDate } : null;
  const [locs] = useLocations();

  // With dates the car comes with its quote. Dates the API rejects are shown
  // beside the date fields, and the car is loaded again without them.
  // The first load takes what main.tsx asked for at start (lib/prefetch).
  const key = carKey(carId, period);
  const [car, reload] = useAsync(key, async (signal) => {
    try {
      return { car: await (takePrefetchedCar(key) ?? api().getCar(carId, period ?? undefined, signal)), periodProblem: null };
    } catch (err) {
      const problem = toProblem(err);
      if (!period || problem.code !== 'validation_failed') throw err;
      return { car: await api().getCar(carId, undefined, signal), periodProblem: problem };
    }
  });
  const loaded = latest(car);
  // The car is shown once the locations are in too (or failed): its place
  // arriving later would push the price and the form down.
  const data = locs.status !== 'loading' ? (loaded?.car ?? null) : null;
  const place = data && locs.status === 'done' ? locs.byId.get(data.locationId) : undefined;
  useTitle(data ? carName(data) : 'Car');

  // No dates in the link: use the search's default at the car's location.
  useEffect(() => {
    if (!period && place) setParams(new URLSearchParams({ ...defaultPeriod(place.timeZone) }), { replace: true });
  }, [period, place, setParams]);

  const [form, setForm] = useState<Period>({ pickupDate: pickupDate ?? '', returnDate: returnDate ?? '' });
  useEffect(() => {
    setForm({ pickupDate: pickupDate ?? '', returnDate: returnDate ?? '' });
  }, [pickupDate, returnDate]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setParams(new URLSearchParams({ ...form }));
  }

  if (car.status === 'error' && car.problem.code === 'not_found') {
    return (
      <div>
        <h1>Car not found</h1>
        <Empty title="We could not find this car.">
          <p>It may have left the fleet, or the link is wrong.</p>
          <Link className="button" to="/">
            Find another car
          </Link>
        </Empty>
      </div>
    );
  }

  const periodProblem = car.status === 'done' ? car.data.periodProblem : null;
  const errors = periodProblem ? fieldMessages(periodProblem, DATE_FIELDS) : null;
  const backTo = data
    ? `/?${searchToParams({ criteria: { locationId: data.locationId, ...(period ?? {}) }, filters: { sort: 'recommended' } })}`
    : '/';
  const today = place ? todayIn(place.timeZone) : undefined;

  return (
    <div className="car-page">
      <p className="back-link">
        <Link to={backTo}>← Back to the search</Link>
      </p>
      <h1>{data ? carName(data) : 'Car'}</h1>
      {!data && car.status !== 'error' && <Loading label="Loading the car…" />}
      {car.status === 'error' && <ProblemAlert problem={car.problem} onRetry={reload} />}
      {errors && errors.other.length > 0 && <ProblemAlert problem={periodProblem!} extra={errors.other} />}
      {data && (
        <div className="car-detail">
          <CarImage car={data} className="car-detail__image" eager priority />
          <div className="car-detail__info">
            <CarSpecs car={data} />
            {place && (
              <p className="car-detail__place">
                <strong>{place.name}</strong>
                <br />
                {place.address}
              </p>
            )}
            <p className="price-rate">
              <Money value={data.dailyRate} /> <span className="muted">per day</span>
            </p>

            <form className="card period-form" onSubmit={onSubmit} noValidate aria-label="Rental dates">
              <Field name="pickupDate" label="Pick-up date" error={errors?.byField.pickupDate}>
                {(p) => (
                  <input {...p} type="date" min={today} value={form.pickupDate} onChange={(e) => setForm({ ...form, pickupDate: e.target.value })} />
                )}
              </Field>
              <Field name="returnDate" label="Return date" error={errors?.byField.returnDate}>
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    min={form.pickupDate || today}
                    value={form.returnDate}
                    onChange={(e) => setForm({ ...form, returnDate: e.target.value })}
                  />
                )}
              </Field>
              <button type="submit" className="button button--secondary">
                Update price
              </button>
            </form>

            {car.status === 'done' && period && data.quote && !periodProblem && (
              <div className="quote card" aria-live="polite">
                <p className="quote__period">
                  {formatDate(period.pickupDate)} → {formatDate(period.returnDate)} · {formatDays(data.quote.days)}
                </p>
                <p className="quote__total">
                  Total <Money value={data.quote.total} />
                </p>
                {data.available === false ? (
                  <Alert kind="warning" title="This car is not free for these dates.">
                    <p>
                      Try other dates, or <Link to={backTo}>see the cars that are free</Link>.
                    </p>
                  </Alert>
                ) : (
                  <>
                    <p className="quote__free">
                      <span aria-hidden="true">✓</span> Free for these dates
                    </p>
                    <button
                      type="button"
                      className="button button--large button--block"
                      onClick={() => navigate(`/book/${encodeURIComponent(data.id)}?${new URLSearchParams({ ...period })}`)}
                    >
                      Book this car
                    </button>
                  </>
                )}
              </div>
            )}
            {car.status === 'loading' && <Loading label="Checking the price…" />}
          </div>
        </div>
      )}
    </div>
  );
}
