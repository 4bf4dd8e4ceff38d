import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { Car, CarType, Location } from '../api/client';
import { CAR_TYPES } from '../api/client';
import { describeProblem, fieldMessages } from '../api/errors';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert, CarImage, CarSpecs, Empty, Loading, Money, carName, typeLabel } from '../components/ui';
import { daysBetween, defaultPeriod, formatDays, formatPeriod, isIsoDate, todayIn } from '../lib/dates';
import { useTitle } from '../lib/hooks';
import { displayNames } from '../lib/intl';
import { useLocations } from '../lib/locations';
import type { CarFilters, SearchCriteria, SortOrder } from '../lib/search';
import { SEAT_CHOICES, isCompleteCriteria, parseSearch, searchToParams } from '../lib/search';
import { useCarSearch } from '../lib/useCarSearch';
import { AlternativesOffer } from './AlternativesOffer';

const FORM_FIELDS = ['locationId', 'pickupDate', 'returnDate', 'type'] as const;

interface FormState {
  locationId: string;
  pickupDate: string;
  returnDate: string;
  type: CarType | '';
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const routerLocation = useLocation();
  const flash = (routerLocation.state as { flash?: string } | null)?.flash;
  const search = useMemo(() => parseSearch(params), [params]);
  const criteria = isCompleteCriteria(search.criteria) ? search.criteria : null;
  const [locs, retryLocations] = useLocations();
  const locations = locs.status === 'done' ? locs.locations : [];
  const place = criteria && locs.status === 'done' ? locs.byId.get(criteria.locationId) : undefined;
  useTitle(place ? `Cars in ${place.city}` : 'Find a car');

  const results = useCarSearch(criteria, search.filters);

  // The form holds what the person is typing; the URL holds the search that ran.
  const [form, setForm] = useState<FormState>(() => formFrom(search.criteria));
  const [localErrors, setLocalErrors] = useState<Partial<Record<(typeof FORM_FIELDS)[number], string>>>({});
  const datesTouched = useRef(!!search.criteria.pickupDate);

  // Back/forward to another search: show it in the form.
  const urlKey = [search.criteria.locationId, search.criteria.pickupDate, search.criteria.returnDate, search.criteria.type].join('|');
  useEffect(() => {
    setForm((f) => ({ ...f, ...stripEmpty(formFrom(search.criteria)) }));
    setLocalErrors({});
  }, [urlKey]);

  // Once the locations are known, fill in a location and default dates.
  useEffect(() => {
    if (locs.status !== 'done' || locs.locations.length === 0) return;
    setForm((f) => {
      const loc = locs.byId.get(f.locationId) ?? locs.locations[0]!;
      const dates = f.pickupDate && f.returnDate ? {} : defaultPeriod(loc.timeZone);
      return { ...f, locationId: loc.id, ...dates };
    });
  }, [locs]);

  function onLocationChange(id: string) {
    const loc = locations.find((l) => l.id === id);
    setForm((f) => ({ ...f, locationId: id, ...(loc && !datesTouched.current ? defaultPeriod(loc.timeZone) : {}) }));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: typeof localErrors = {};
    if (!form.locationId) errs.locationId = 'Please choose a location.';
    if (!isIsoDate(form.pickupDate)) errs.pickupDate = 'Please enter a pick-up date.';
    if (!isIsoDate(form.returnDate)) errs.returnDate = 'Please enter a return date.';
    setLocalErrors(errs);
    if (Object.keys(errs).length > 0) {
      focusFirstError();
      return;
    }
    const c: SearchCriteria = { locationId: form.locationId, pickupDate: form.pickupDate, returnDate: form.returnDate };
    if (form.type) c.type = form.type;
    setParams(searchToParams({ criteria: c, filters: search.filters }));
  }

  function setFilters(f: CarFilters) {
    setParams(searchToParams({ criteria: search.criteria, filters: f }), { replace: true });
  }

  const apiErrors = results.problem?.code === 'validation_failed' ? fieldMessages(results.problem, FORM_FIELDS) : null;
  const errorFor = (name: (typeof FORM_FIELDS)[number]) => localErrors[name] ?? apiErrors?.byField[name];
  const formLoc = locations.find((l) => l.id === form.locationId);
  const today = formLoc ? todayIn(formLoc.timeZone) : undefined;

  // Move focus to the first field that the server rejected.
  useEffect(() => {
    if (apiErrors && Object.keys(apiErrors.byField).length > 0) focusFirstError();
  }, [results.problem]);

  return (
    <div className="search-page">
      <section className="hero" aria-labelledby="search-title">
        <h1 id="search-title">Find a car</h1>
        <p className="hero__lead">Pick a location and your dates. We show only the cars that are free for the whole time, with the total price.</p>
        {flash && <Alert kind="success">{flash}</Alert>}
        {locs.status === 'error' && <ProblemAlert problem={locs.problem} onRetry={retryLocations} />}
        <form className="search-form card" onSubmit={onSubmit} noValidate aria-label="Search cars">
          <Field name="locationId" label="Pick-up location" error={errorFor('locationId')}>
            {(p) => (
              <select {...p} value={form.locationId} onChange={(e) => onLocationChange(e.target.value)} disabled={locs.status !== 'done'}>
                {locs.status !== 'done' && <option value="">Loading locations…</option>}
                {locations.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name} ({l.city})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="pickupDate" label="Pick-up date" error={errorFor('pickupDate')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.pickupDate}
                min={today}
                onChange={(e) => {
                  datesTouched.current = true;
                  setForm((f) => ({ ...f, pickupDate: e.target.value }));
                }}
              />
            )}
          </Field>
          <Field name="returnDate" label="Return date" error={errorFor('returnDate')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.returnDate}
                min={form.pickupDate || today}
                onChange={(e) => {
                  datesTouched.current = true;
                  setForm((f) => ({ ...f, returnDate: e.target.value }));
                }}
              />
            )}
          </Field>
          <Field name="type" label="Car type" error={errorFor('type')}>
            {(p) => (
              <select {...p} value={form.type} onChange={(e) => setForm((f) => ({ ...f, type: e.target.value as CarType | '' }))}>
                <option value="">All types</option>
                {CAR_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {typeLabel(t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="search-form__submit">
            <button type="submit" className="button button--large">
              Search
            </button>
          </div>
        </form>
        {apiErrors && apiErrors.other.length > 0 && (
          <Alert kind="error" title={describeProblem(results.problem!)}>
            <ul>
              {apiErrors.other.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Alert>
        )}
      </section>

      {/* The results wait for the locations too (their heading names the
          place): a heading that grew afterwards would push the cars down. */}
      {criteria ? (
        locs.status === 'loading' ? (
          <section className="results" aria-busy="true" aria-label="Free cars">
            <Loading label="Finding free cars…" />
          </section>
        ) : (
          <Results criteria={criteria} place={place} filters={search.filters} onFilters={setFilters} results={results} />
        )
      ) : (
        locs.status === 'done' && <LocationList locations={locations} />
      )}
    </div>
  );
}

function formFrom(c: Partial<SearchCriteria>): FormState {
  return { locationId: c.locationId ?? '', pickupDate: c.pickupDate ?? '', returnDate: c.returnDate ?? '', type: c.type ?? '' };
}

function stripEmpty(f: FormState): Partial<FormState> {
  return Object.fromEntries(Object.entries(f).filter(([k, v]) => v !== '' || k === 'type')) as Partial<FormState>;
}

function focusFirstError() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

function Results(props: {
  criteria: SearchCriteria;
  place: Location | undefined;
  filters: CarFilters;
  onFilters: (f: CarFilters) => void;
  results: ReturnType<typeof useCarSearch>;
}) {
  const { criteria, place, filters, results } = props;
  const period = { pickupDate: criteria.pickupDate, returnDate: criteria.returnDate };
  const hasFilters = !!filters.minSeats || !!filters.transmission;
  const count = results.shown.length;

  if (results.problem?.code === 'validation_failed') return null; // shown beside the form's fields

  return (
    <section className="results" aria-labelledby="results-title" aria-busy={results.loading}>
      <div className="results__head">
        <h2 id="results-title">
          Free cars{place ? ` at ${place.name}` : ''}
          <span className="results__period">{formatPeriod(period)}</span>
        </h2>
        <div className="filters" role="group" aria-label="Filter and sort">
          <Field name="seats" label="Seats">
            {(p) => (
              <select
                {...p}
                value={filters.minSeats ?? ''}
                onChange={(e) => props.onFilters({ ...filters, minSeats: e.target.value ? Number(e.target.value) : undefined })}
              >
                <option value="">Any</option>
                {SEAT_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    {n}+ seats
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="transmission" label="Transmission">
            {(p) => (
              <select
                {...p}
                value={filters.transmission ?? ''}
                onChange={(e) =>
                  props.onFilters({ ...filters, transmission: (e.target.value || undefined) as CarFilters['transmission'] })
                }
              >
                <option value="">Any</option>
                <option value="automatic">Automatic</option>
                <option value="manual">Manual</option>
              </select>
            )}
          </Field>
          <Field name="sort" label="Sort by">
            {(p) => (
              <select {...p} value={filters.sort} onChange={(e) => props.onFilters({ ...filters, sort: e.target.value as SortOrder })}>
                <option value="recommended">Recommended</option>
                <option value="price">Price: low to high</option>
              </select>
            )}
          </Field>
        </div>
      </div>

      {results.problem && <ProblemAlert problem={results.problem} onRetry={results.retry} />}

      <p className="results__count" role="status">
        {count === 0 ? '' : `${count}${results.done ? '' : '+'} ${count === 1 ? 'car' : 'cars'} free for ${formatDays(daysBetween(criteria.pickupDate, criteria.returnDate))}`}
      </p>

      {results.loading && count === 0 && <Loading label="Finding free cars…" />}

      {count > 0 && (
        <ul className="car-grid">
          {results.shown.map((car, i) => (
            <li key={car.id}>
              <CarCard car={car} period={period} eager={i < 3} />
            </li>
          ))}
        </ul>
      )}

      {/* Without filters an empty result offers what the location has instead;
          with them, clearing them first (the API filtered: how many cars are
          free without them would be another request). */}
      {results.done && count === 0 && !results.problem && (
        <Empty title={hasFilters ? 'No cars match these filters' : 'No cars are free for these dates'}>
          {hasFilters ? (
            <>
              <p>No car free for these dates has these seats or transmission.</p>
              <button type="button" className="button button--secondary" onClick={() => props.onFilters({ sort: filters.sort })}>
                Clear filters
              </button>
            </>
          ) : (
            <>
              <p>Try other dates{criteria.type ? ', another car type' : ''} or another location.</p>
              <AlternativesOffer criteria={criteria} />
            </>
          )}
        </Empty>
      )}

      {/* A page may come back empty with a next one to read (the server
          stopped after 1,000 cars without a match): reading on is asked for. */}
      {results.canShowMore && count === 0 && (
        <Empty title="No match yet">
          <p>None of the cars looked at so far {hasFilters ? 'matches these filters' : 'is free for these dates'}, and there are more.</p>
          <button type="button" className="button button--secondary" onClick={results.showMore}>
            Keep looking
          </button>
        </Empty>
      )}

      {count > 0 && (results.canShowMore || results.loading) && (
        <div className="results__more">
          <button type="button" className="button button--secondary" onClick={results.showMore} disabled={results.loading}>
            {results.loading ? 'Loading…' : 'Show more cars'}
          </button>
        </div>
      )}
    </section>
  );
}

export function CarCard({ car, period, eager }: { car: Car; period: { pickupDate: string; returnDate: string }; eager?: boolean }) {
  const href = `/car/${encodeURIComponent(car.id)}?${new URLSearchParams({ ...period })}`;
  return (
    <article className="car-card card" data-testid="car-card" data-car-id={car.id}>
      <CarImage car={car} className="car-card__image" eager={eager} />
      <div className="car-card__body">
        <h3 className="car-card__title">
          <Link to={href} className="stretched-link">
            {carName(car)}
          </Link>
        </h3>
        <CarSpecs car={car} />
        <div className="car-card__price">
          <p className="price-rate">
            <Money value={car.dailyRate} /> <span className="muted">/ day</span>
          </p>
          {car.quote && (
            <p className="price-total">
              <strong>
                <Money value={car.quote.total} />
              </strong>{' '}
              <span className="muted">total for {formatDays(car.quote.days)}</span>
            </p>
          )}
        </div>
      </div>
    </article>
  );
}

function LocationList({ locations }: { locations: Location[] }) {
  if (locations.length === 0) return <Empty title="No locations yet">Please come back later.</Empty>;
  return (
    <section className="locations" aria-labelledby="locations-title">
      <h2 id="locations-title">Our locations</h2>
      <ul className="location-grid">
        {locations.map((l) => {
          const p = defaultPeriod(l.timeZone);
          return (
            <li key={l.id} className="card location-card">
              <h3>
                <Link to={`/?${searchToParams({ criteria: { locationId: l.id, ...p }, filters: { sort: 'recommended' } })}`} className="stretched-link">
                  {l.name}
                </Link>
              </h3>
              <p>{l.address}</p>
              <p className="muted">
                {l.city}, {regionName(l.country)}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function regionName(code: string): string {
  try {
    return displayNames(undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export default SearchPage;
