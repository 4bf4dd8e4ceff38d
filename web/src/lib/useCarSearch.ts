import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Car } from '../api/client';
import { api } from '../api/client';
import type { Problem } from '../api/errors';
import { toProblem } from '../api/errors';
import type { CarFilters, Paged, SearchCriteria } from './search';
import { carsQuery, criteriaKey, fillPages, filterCars, needsAllPages, visibleCars } from './search';

export const CARS_PER_SCREEN = 12;
const API_PAGE = 24;

export interface CarSearch {
  /** The cars to show now: filtered, sorted, at most `want`. */
  shown: Car[];
  /** How many loaded cars pass the filters (more may come while !done). */
  matching: number;
  /** How many cars were loaded before the filters. */
  loaded: number;
  done: boolean;
  loading: boolean;
  problem: Problem | null;
  canShowMore: boolean;
  showMore: () => void;
  retry: () => void;
}

/**
 * Loads free cars for the criteria, page after page, until enough pass the
 * filters to fill the screen (or all of them, for a sort by price). A new
 * query aborts the old one.
 */
export function useCarSearch(criteria: SearchCriteria | null, filters: CarFilters): CarSearch {
  const key = criteria ? criteriaKey(criteria) : null;
  const [want, setWant] = useState(CARS_PER_SCREEN);
  const [paged, setPaged] = useState<Paged<Car> & { key: string | null }>({ key, items: [], done: false });
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const inflight = useRef<AbortController | null>(null);
  const criteriaRef = useRef(criteria);
  criteriaRef.current = criteria;

  // A new query: start again.
  if (paged.key !== key) {
    inflight.current?.abort();
    inflight.current = null;
    setPaged({ key, items: [], done: false });
    setWant(CARS_PER_SCREEN);
    setProblem(null);
    setLoading(false);
  }

  const all = needsAllPages(filters);
  const { minSeats, transmission } = filters;

  useEffect(() => {
    const c = criteriaRef.current;
    if (!c || key === null || paged.key !== key || problem || inflight.current) return;
    const f = { minSeats, transmission, sort: filters.sort };
    const enough = (items: readonly Car[]) => !all && filterCars(items, f).length >= want;
    if (paged.done || enough(paged.items)) return;

    const ctrl = new AbortController();
    inflight.current = ctrl;
    setLoading(true);
    fillPages({
      fetchPage: (cursor) =>
        api()
          .listCars(carsQuery(c, { cursor, limit: API_PAGE }), ctrl.signal)
          .then((r) => ({ items: r.cars, nextCursor: r.nextCursor })),
      from: paged,
      enough,
      maxPages: 10,
    }).then(
      (res) => {
        if (ctrl.signal.aborted) return;
        inflight.current = null;
        setLoading(false);
        setPaged({ ...res, key });
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        inflight.current = null;
        setLoading(false);
        setProblem(toProblem(err));
      },
    );
  }, [key, paged, want, all, minSeats, transmission, filters.sort, problem]);

  // Abort on unmount.
  useEffect(() => () => inflight.current?.abort(), []);

  const visible = useMemo(() => visibleCars(paged.items, filters), [paged.items, filters]);
  const showMore = useCallback(() => setWant((w) => w + CARS_PER_SCREEN), []);
  const retry = useCallback(() => setProblem(null), []);

  return {
    shown: visible.slice(0, want),
    matching: visible.length,
    loaded: paged.items.length,
    done: paged.done,
    loading: loading || (key !== null && !paged.done && paged.items.length === 0 && !problem),
    problem,
    canShowMore: visible.length > want || (!paged.done && !loading && !problem),
    showMore,
    retry,
  };
}
