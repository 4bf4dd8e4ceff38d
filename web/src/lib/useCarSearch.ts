import { useCallback, useEffect, useRef, useState } from 'react';
import type { Car } from '../api/client';
import { api } from '../api/client';
import type { Problem } from '../api/errors';
import { toProblem } from '../api/errors';
import type { CarFilters, SearchCriteria } from './search';
import { carsQuery, queryKey } from './search';

/** The cars asked for a page: one request each, first page and "Show more" alike. */
export const CARS_PER_PAGE = 12;

export interface CarSearch {
  /** The cars of the pages loaded so far, in the API's order. */
  shown: Car[];
  /** True once a page came without nextCursor: there are no more. */
  done: boolean;
  loading: boolean;
  problem: Problem | null;
  /** A next page exists and nothing is loading. */
  canShowMore: boolean;
  showMore: () => void;
  retry: () => void;
}

interface Pages {
  key: string | null;
  cars: Car[];
  /** How many pages are loaded. */
  pages: number;
  nextCursor?: string;
  done: boolean;
}

const empty = (key: string | null): Pages => ({ key, cars: [], pages: 0, done: false });

/**
 * The free cars for a search, a page at a time: the criteria, the filters
 * and the order all go to GET /cars, whose pages are full (the server reads
 * on for them), so one request is one page. The first page loads at once;
 * each showMore() asks for the next one with nextCursor. A page that comes
 * back short with a nextCursor (the server stopped after 1,000 cars) is shown
 * as it is: the next request waits for showMore(). A change of criteria,
 * filters or order starts again from a new first page and aborts what was
 * in flight. Nothing is sorted or filtered here.
 */
export function useCarSearch(criteria: SearchCriteria | null, filters: CarFilters): CarSearch {
  const key = criteria ? queryKey(criteria, filters) : null;
  const [state, setState] = useState<Pages>(() => empty(key));
  const [want, setWant] = useState(1);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const inflight = useRef<AbortController | null>(null);
  const queryRef = useRef({ criteria, filters });
  queryRef.current = { criteria, filters };

  // A new query: a new first page (React's way of resetting state from props).
  if (state.key !== key) {
    setState(empty(key));
    setWant(1);
    setProblem(null);
    setLoading(false);
  }

  // The old query's request ends with it (and with the page).
  useEffect(
    () => () => {
      inflight.current?.abort();
      inflight.current = null;
    },
    [key],
  );

  useEffect(() => {
    const { criteria: c, filters: f } = queryRef.current;
    if (!c || key === null || state.key !== key || problem || inflight.current) return;
    if (state.done || state.pages >= want) return;

    const ctrl = new AbortController();
    inflight.current = ctrl;
    setLoading(true);
    const cursor = state.nextCursor;
    api()
      .listCars(carsQuery(c, f, { limit: CARS_PER_PAGE, ...(cursor ? { cursor } : {}) }), ctrl.signal)
      .then(
        (page) => {
          if (ctrl.signal.aborted) return;
          inflight.current = null;
          setLoading(false);
          setState((s) => {
            if (s.key !== key) return s;
            const seen = new Set(s.cars.map((car) => car.id));
            // A cursor that comes back unchanged would ask for the same page again: the end.
            const next = page.nextCursor && page.nextCursor !== cursor ? page.nextCursor : undefined;
            return {
              key,
              cars: s.cars.concat(page.cars.filter((car) => !seen.has(car.id))),
              pages: s.pages + 1,
              done: !next,
              ...(next ? { nextCursor: next } : {}),
            };
          });
        },
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          inflight.current = null;
          setLoading(false);
          setProblem(toProblem(err));
        },
      );
  }, [key, state, want, problem]);

  const pages = state.pages;
  const showMore = useCallback(() => setWant((w) => Math.max(w, pages + 1)), [pages]);
  const retry = useCallback(() => setProblem(null), []);
  const current = state.key === key;

  return {
    shown: current ? state.cars : [],
    done: current && state.done,
    loading: loading || (key !== null && (!current || (state.pages < want && !state.done)) && !problem),
    problem,
    canShowMore: current && !state.done && state.pages > 0 && !loading && !problem,
    showMore,
    retry,
  };
}
