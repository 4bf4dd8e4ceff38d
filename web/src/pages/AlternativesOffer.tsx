import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Alternatives, Car } from '../api/client';
import { api } from '../api/client';
import { Money, carName, typeLabel } from '../components/ui';
import { formatDays, formatPeriod } from '../lib/dates';
import type { SearchCriteria } from '../lib/search';
import { searchToParams } from '../lib/search';

/**
 * What the location can offer when no car is free for a search: the other
 * types free for the same dates and the nearest later dates with a free car
 * of the type (GET /alternatives, the same answer the chatbot gives). It
 * shows nothing while loading or when the call fails: the empty result
 * above it already says what to do.
 */
export function AlternativesOffer({ criteria }: { criteria: SearchCriteria }) {
  const [alt, setAlt] = useState<Alternatives | null>(null);
  const { locationId, pickupDate, returnDate, type } = criteria;

  useEffect(() => {
    const ctrl = new AbortController();
    setAlt(null);
    api()
      .getAlternatives({ locationId, pickupDate, returnDate, ...(type ? { type } : {}) }, ctrl.signal)
      .then(setAlt, () => undefined);
    return () => ctrl.abort();
  }, [locationId, pickupDate, returnDate, type]);

  if (!alt || (alt.otherTypes.length === 0 && !alt.laterDates)) return null;
  const later = alt.laterDates;
  return (
    <section className="alternatives" aria-labelledby="alternatives-title" data-testid="alternatives">
      <h3 id="alternatives-title">What we can offer instead</h3>
      {alt.otherTypes.length > 0 && (
        <>
          <p>Free for your dates{type ? ` in other types than ${typeLabel(type)}` : ''}:</p>
          <ul className="alternatives__list">
            {alt.otherTypes.map((car) => (
              <li key={car.id}>
                <Offer car={car} period={{ pickupDate, returnDate }} label={`${typeLabel(car.type)}: ${carName(car)}`} />
              </li>
            ))}
          </ul>
        </>
      )}
      {later && (
        <p>
          The nearest dates with a free {type ? typeLabel(type) : ''} car:{' '}
          <Link
            to={`/?${searchToParams({ criteria: { ...criteria, pickupDate: later.pickupDate, returnDate: later.returnDate }, filters: { sort: 'recommended' } })}`}
            data-testid="alternatives-later"
          >
            {formatPeriod({ pickupDate: later.pickupDate, returnDate: later.returnDate })}
          </Link>{' '}
          ({carName(later.car)}
          {later.car.quote && (
            <>
              , <Money value={later.car.quote.total} /> for {formatDays(later.car.quote.days)}
            </>
          )}
          )
        </p>
      )}
    </section>
  );
}

function Offer({ car, period, label }: { car: Car; period: { pickupDate: string; returnDate: string }; label: string }) {
  const href = `/car/${encodeURIComponent(car.id)}?${new URLSearchParams({ ...period })}`;
  return (
    <Link to={href} data-testid="alternative-car" data-car-id={car.id}>
      {label}
      {car.quote && (
        <>
          {' '}
          from <Money value={car.quote.total} />
        </>
      )}
    </Link>
  );
}
