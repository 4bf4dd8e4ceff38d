// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { StaticAuthProvider } from '../auth/AuthContext';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarList, ListCarsQuery } from '../api/client';
import { setApi } from '../api/client';
import { resetLocations } from '../lib/locations';
import { apiError, fakeApi, signedIn, makeCar } from '../test/fakeApi';
import { SearchPage } from './SearchPage';

const period = { pickupDate: '2099-06-01', returnDate: '2099-06-04' };
const url = `/?location=ber&pickupDate=${period.pickupDate}&returnDate=${period.returnDate}`;
const quote = (amount: number) => ({ days: 3, total: { amount, currency: 'EUR' } });
/** The first page's query for the search at url, with whatever else it adds. */
const first = (extra: Partial<ListCarsQuery> = {}): ListCarsQuery => ({ locationId: 'ber', ...period, limit: 12, ...extra });

/** The router's location (the URL holds the search) and its history, beside the page. */
function RouterProbe() {
  const loc = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="url">{loc.search}</output>
      <button type="button" onClick={() => navigate(-1)}>
        test: back
      </button>
      <button type="button" onClick={() => navigate(1)}>
        test: forward
      </button>
    </>
  );
}

function renderAt(u: string | string[]) {
  const entries = Array.isArray(u) ? u : [u];
  return render(
    <StaticAuthProvider value={signedIn}>
      <MemoryRouter initialEntries={entries} initialIndex={entries.length - 1}>
        <SearchPage />
        <RouterProbe />
      </MemoryRouter>
    </StaticAuthProvider>,
  );
}

/** listCars answering from answer(query), keeping every query it was asked. */
function carsApi(answer: (q: ListCarsQuery, n: number) => CarList | Promise<CarList>) {
  const queries: ListCarsQuery[] = [];
  setApi(
    fakeApi({
      listCars: async (q) => {
        queries.push({ ...q });
        return answer(q, queries.length);
      },
      getAlternatives: async () => ({ free: [], typeInFleet: true, otherTypes: [] }),
    }),
  );
  return queries;
}

const shownIds = () => screen.queryAllByTestId('car-card').map((c) => c.getAttribute('data-car-id'));

/** Lets every pending answer and effect run: a request the page would still make is made by then. */
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 30)));

describe('SearchPage', () => {
  beforeEach(() => resetLocations());
  afterEach(cleanup);

  it('asks once for the first page, with the filters and order of the URL, and shows the cars as they come', async () => {
    // Deliberately not cheapest first, and a car that the filters would not
    // let through: the page shows what the API answered, in its order.
    const page1 = [
      makeCar('a', { quote: quote(30000), seats: 5, transmission: 'automatic' }),
      makeCar('b', { quote: quote(12000), seats: 7, transmission: 'automatic' }),
      makeCar('c', { quote: quote(18000), seats: 2, transmission: 'manual' }),
    ];
    const page2 = [makeCar('d', { quote: quote(9000), transmission: 'automatic' }), makeCar('e', { quote: quote(40000), transmission: 'automatic' })];
    const queries = carsApi((q) => (q.cursor === 'p2' ? { cars: page2 } : { cars: page1, nextCursor: 'p2' }));
    renderAt(url + '&seats=5&transmission=automatic&sort=price');

    await screen.findByText('3+ cars free for 3 days');
    await settle();
    expect(queries).toEqual([first({ seats: 5, transmission: 'automatic', sort: 'price' })]);
    expect(shownIds()).toEqual(['a', 'b', 'c']);
    expect(screen.getAllByTestId('car-card')[0]!.textContent).toContain('€300.00');

    // Show more: the next page, by its cursor, with the same query.
    fireEvent.click(screen.getByRole('button', { name: 'Show more cars' }));
    await screen.findByText('5 cars free for 3 days');
    await settle();
    expect(queries).toEqual([
      first({ seats: 5, transmission: 'automatic', sort: 'price' }),
      first({ seats: 5, transmission: 'automatic', sort: 'price', cursor: 'p2' }),
    ]);
    expect(shownIds()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(screen.queryByRole('button', { name: 'Show more cars' })).toBeNull();
  });

  it('makes one request to show one page, even one that came back short or empty with a next cursor', async () => {
    // The server stops after 1,000 cars; what it found is a page of its own.
    const queries = carsApi((q) =>
      q.cursor === undefined ? { cars: [], nextCursor: 'p2' } : q.cursor === 'p2' ? { cars: [makeCar('a')], nextCursor: 'p3' } : { cars: [makeCar('b')] },
    );
    renderAt(url + '&seats=7');
    await screen.findByText('No match yet');
    await settle();
    expect(queries).toEqual([first({ seats: 7 })]);
    expect(screen.queryByText('No cars match these filters')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Keep looking' }));
    await screen.findByText('1+ car free for 3 days');
    await settle();
    expect(queries.map((q) => q.cursor)).toEqual([undefined, 'p2']);
    expect(shownIds()).toEqual(['a']);

    fireEvent.click(screen.getByRole('button', { name: 'Show more cars' }));
    await screen.findByText('2 cars free for 3 days');
    await settle();
    expect(queries.map((q) => q.cursor)).toEqual([undefined, 'p2', 'p3']);
  });

  it('asks once for a new first page when the order or a filter changes, and puts them in the URL', async () => {
    const a = makeCar('a', { quote: quote(30000), seats: 7 });
    const b = makeCar('b', { quote: quote(12000), seats: 7 });
    const c = makeCar('c', { quote: quote(15000), seats: 5 });
    const queries = carsApi((q) => {
      if (q.seats === 7) return { cars: [b, a] };
      if (q.sort === 'price') return { cars: [b, c, a], nextCursor: 'more' };
      return { cars: [a, c, b] };
    });
    renderAt(url);
    await screen.findByText('3 cars free for 3 days');
    expect(shownIds()).toEqual(['a', 'c', 'b']);

    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'price' } });
    await screen.findByText('3+ cars free for 3 days');
    await settle();
    expect(queries).toEqual([first(), first({ sort: 'price' })]);
    expect(shownIds()).toEqual(['b', 'c', 'a']);
    expect(screen.getByTestId('url').textContent).toBe(url.slice(1) + '&sort=price');

    // After a "Show more", a new filter starts again from the first page.
    fireEvent.click(screen.getByRole('button', { name: 'Show more cars' }));
    await waitFor(() => expect(queries).toHaveLength(3));
    expect(queries[2]).toEqual(first({ sort: 'price', cursor: 'more' }));
    fireEvent.change(screen.getByLabelText('Seats'), { target: { value: '7' } });
    await screen.findByText('2 cars free for 3 days');
    await settle();
    expect(queries.slice(3)).toEqual([first({ seats: 7, sort: 'price' })]);
    expect(shownIds()).toEqual(['b', 'a']);
    expect(screen.getByTestId('url').textContent).toBe(url.slice(1) + '&seats=7&sort=price');
  });

  it('shows the answer of the current query only', async () => {
    let answerOld: (l: CarList) => void = () => {};
    const queries = carsApi((q) => (q.sort === 'price' ? { cars: [makeCar('new')] } : new Promise<CarList>((r) => (answerOld = r))));
    renderAt(url);
    await waitFor(() => expect(queries).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'price' } });
    await screen.findByText('1 car free for 3 days');
    await act(async () => answerOld({ cars: [makeCar('old')] }));
    await settle();
    expect(shownIds()).toEqual(['new']);
    expect(queries).toHaveLength(2);
  });

  it('goes back and forward between searches, each asked once', async () => {
    const queries = carsApi((q) => ({ cars: [makeCar(q.type ?? 'any', { type: q.type ?? 'compact' })] }));
    renderAt([url, url + '&type=suv&sort=price']);
    await screen.findByText('1 car free for 3 days');
    expect(shownIds()).toEqual(['suv']);
    expect((screen.getByLabelText('Car type') as HTMLSelectElement).value).toBe('suv');
    expect((screen.getByLabelText('Sort by') as HTMLSelectElement).value).toBe('price');

    fireEvent.click(screen.getByRole('button', { name: 'test: back' }));
    await waitFor(() => expect(shownIds()).toEqual(['any']));
    expect((screen.getByLabelText('Car type') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('Sort by') as HTMLSelectElement).value).toBe('recommended');

    fireEvent.click(screen.getByRole('button', { name: 'test: forward' }));
    await waitFor(() => expect(shownIds()).toEqual(['suv']));
    await settle();
    expect(queries).toEqual([first({ type: 'suv', sort: 'price' }), first(), first({ type: 'suv', sort: 'price' })]);
  });

  it('asks for the same page again on "Try again"', async () => {
    const queries = carsApi((_q, n) => {
      if (n === 1) throw apiError(503, 'unavailable');
      return { cars: [makeCar('a')] };
    });
    renderAt(url + '&sort=price');
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await screen.findByText('1 car free for 3 days');
    await settle();
    expect(queries).toEqual([first({ sort: 'price' }), first({ sort: 'price' })]);
  });

  it('shows a rejected date beside its field', async () => {
    setApi(
      fakeApi({
        listCars: async () => {
          throw apiError(400, 'validation_failed', { returnDate: 'must be at most 30 days after pickupDate' });
        },
      }),
    );
    renderAt('/?location=ber&pickupDate=2099-06-01&returnDate=2099-08-01');
    const msg = await screen.findByText('Must be at most 30 days after the pick-up date.');
    const field = msg.closest('.field') as HTMLElement;
    const input = within(field).getByLabelText('Return date');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(msg.closest('p')!.id);
  });

  it('shows a page of twelve, then one request per "Show more"', async () => {
    const all = Array.from({ length: 30 }, (_, i) => makeCar(`c${String(i).padStart(2, '0')}`, { quote: quote(1000 * (30 - i)) }));
    const queries = carsApi((q) => {
      const start = Number(q.cursor ?? 0);
      const end = start + (q.limit ?? 50);
      return { cars: all.slice(start, end), ...(end < all.length ? { nextCursor: String(end) } : {}) };
    });
    renderAt(url);
    await waitFor(() => expect(screen.getAllByTestId('car-card')).toHaveLength(12));
    await settle();
    expect(queries.map((q) => q.cursor)).toEqual([undefined]);
    expect(screen.getByText('12+ cars free for 3 days')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Show more cars' }));
    await waitFor(() => expect(screen.getAllByTestId('car-card')).toHaveLength(24));
    fireEvent.click(screen.getByRole('button', { name: 'Show more cars' }));
    expect(await screen.findByText('30 cars free for 3 days')).toBeTruthy();
    await settle();
    expect(queries.map((q) => q.cursor)).toEqual([undefined, '12', '24']);
    expect(queries.every((q) => q.limit === 12)).toBe(true);
    // In the API's order, which here is the dearest first: nothing re-sorts it.
    expect(shownIds()).toEqual(all.map((c) => c.id));
    expect(screen.queryByRole('button', { name: 'Show more cars' })).toBeNull();
  });

  it('says when no car is free', async () => {
    setApi(fakeApi({ listCars: async () => ({ cars: [] }) }));
    renderAt(url);
    expect(await screen.findByText('No cars are free for these dates')).toBeTruthy();
  });

  it('says when no car matches the filters, and clearing them asks once more', async () => {
    const queries = carsApi(() => ({ cars: [] }));
    renderAt(url + '&seats=7&transmission=manual');
    expect(await screen.findByText('No cars match these filters')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('No cars are free for these dates')).toBeTruthy();
    await settle();
    expect(queries).toEqual([first({ seats: 7, transmission: 'manual' }), first()]);
    expect(screen.getByTestId('url').textContent).toBe(url.slice(1));
  });

  it('offers the alternatives when no car of the type is free: other types and later dates', async () => {
    const asked: unknown[] = [];
    setApi(
      fakeApi({
        listCars: async () => ({ cars: [] }),
        getAlternatives: async (q) => {
          asked.push(q);
          return {
            free: [],
            typeInFleet: true,
            otherTypes: [makeCar('suv-1', { type: 'suv', make: 'Volvo', model: 'XC60', quote: quote(24000) })],
            laterDates: { pickupDate: '2099-06-03', returnDate: '2099-06-06', car: makeCar('eco-1', { type: 'economy', quote: quote(11700) }) },
          };
        },
      }),
    );
    renderAt(url + '&type=economy');
    const offer = await screen.findByTestId('alternatives');
    expect(asked).toEqual([{ locationId: 'ber', pickupDate: '2099-06-01', returnDate: '2099-06-04', type: 'economy' }]);
    const car = within(offer).getByTestId('alternative-car');
    expect(car.textContent).toContain('SUV: Volvo XC60');
    expect(car.textContent).toContain('240.00');
    expect(car.getAttribute('href')).toBe('/car/suv-1?pickupDate=2099-06-01&returnDate=2099-06-04');
    const later = within(offer).getByTestId('alternatives-later');
    expect(later.getAttribute('href')).toContain('pickupDate=2099-06-03');
    expect(later.getAttribute('href')).toContain('returnDate=2099-06-06');
  });

  it('lists the locations before a search', async () => {
    setApi(fakeApi({}));
    renderAt('/');
    expect(await screen.findByRole('link', { name: 'Berlin Hauptbahnhof' })).toBeTruthy();
    expect((screen.getByLabelText('Pick-up location') as HTMLSelectElement).value).toBe('ber');
    await waitFor(() => expect((screen.getByLabelText('Pick-up date') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/));
  });
});
