import { useEffect, useRef, useState } from 'react';
import type { Problem } from '../api/errors';
import { toProblem } from '../api/errors';

const SITE = 'Car Rental';

/** Sets the tab title: "Page · Car Rental". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE}` : SITE;
  }, [title]);
}

export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous?: T }
  | { status: 'done'; data: T }
  | { status: 'error'; problem: Problem; previous?: T };

/** The newest data, also while the next load runs or after it failed. */
export function latest<T>(s: AsyncState<T>): T | undefined {
  return s.status === 'done' ? s.data : s.status === 'loading' || s.status === 'error' ? s.previous : undefined;
}

/**
 * Runs `load` whenever `key` changes (null: nothing to load). A newer run
 * aborts the older one, so late answers never overwrite fresh ones.
 */
export function useAsync<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): [AsyncState<T>, () => void] {
  const [state, setState] = useState<AsyncState<T>>(key === null ? { status: 'idle' } : { status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => {
      const previous = latest(s);
      return previous === undefined ? { status: 'loading' } : { status: 'loading', previous };
    });
    loadRef.current(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ status: 'done', data });
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted)
          setState((s) => {
            const previous = latest(s);
            return previous === undefined ? { status: 'error', problem: toProblem(err) } : { status: 'error', problem: toProblem(err), previous };
          });
      },
    );
    return () => ctrl.abort();
  }, [key, nonce]);

  return [state, () => setNonce((n) => n + 1)];
}
