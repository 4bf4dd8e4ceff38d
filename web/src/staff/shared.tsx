// Pieces the staff pages share: the location picker (kept in the URL, so a
// reload or a shared link shows the same place), words for people who use
// a screen reader, and where focus goes after a form is refused.
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { Location } from '../api/client';
import type { Problem } from '../api/errors';
import { describeProblem } from '../api/errors';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert } from '../components/ui';
import { formatPeriod } from '../lib/dates';

/** Text for screen readers only (it names, for example, which car an "Edit" button is for). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}

/** The ?location= of the page, or the first location; and a setter that keeps the rest of the query. */
export function useLocationParam(locations: readonly Location[] | undefined): [Location | undefined, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const wanted = params.get('location');
  const current = locations?.find((l) => l.id === wanted) ?? locations?.[0];
  const set = (id: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('location', id);
        next.delete('date');
        return next;
      },
      { replace: true },
    );
  return [current, set];
}

export function LocationSelect(props: { name?: string; label: string; locations: readonly Location[]; value: string; onChange: (id: string) => void; error?: string | undefined; hint?: ReactNode }) {
  return (
    <Field name={props.name ?? 'location'} label={props.label} error={props.error} hint={props.hint}>
      {(p) => (
        <select {...p} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.city}, {l.currency})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * After a refused submit, focus goes to the first field marked invalid, or
 * to the form's error box when no field is (the message is read there).
 */
export function focusFirstError(form: HTMLElement | null, fallbackId: string): void {
  requestAnimationFrame(() => {
    const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? document.getElementById(fallbackId);
    el?.focus();
  });
}

/**
 * A form's problem that no field holds: the API's answer in words, with
 * the fields the form does not show. invalid_transition and the like also
 * carry the server's sentence, which says why.
 */
export function FormProblem({ problem, other, detail }: { problem: Problem; other: string[]; detail?: boolean }) {
  const extra = detail && problem.message ? [...other, sentence(problem.message)] : other;
  if (problem.code === 'validation_failed' && extra.length === 0) {
    return <Alert kind="error" title={describeProblem(problem)} />;
  }
  return <ProblemAlert problem={problem} extra={extra} />;
}

/** "the pick-up day is 2030-06-01" as "The pick-up day is 2030-06-01." */
export function sentence(s: string): string {
  const t = s.trim();
  if (!t) return t;
  const first = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * The API's refusal of an action in words; for car_has_bookings, with the
 * bookings it names, inside the alert (so they are read with it).
 */
export function RefusalAlert({ problem, other = [], detail }: { problem: Problem; other?: string[]; detail?: boolean }) {
  if (problem.code === 'car_has_bookings') {
    return (
      <Alert kind="error" title={describeProblem(problem)}>
        <HeldBookings problem={problem} />
      </Alert>
    );
  }
  return <FormProblem problem={problem} other={other} {...(detail ? { detail } : {})} />;
}

/** The bookings that a car_has_bookings answer names, each with its days and reference. */
export function HeldBookings({ problem }: { problem: Problem }) {
  if (!problem.bookings || problem.bookings.length === 0) return null;
  return (
    <ul className="held-bookings" aria-label="Bookings that hold the car">
      {problem.bookings.map((b) => (
        <li key={b.id} data-held-booking={b.id}>
          Booking <span className="mono">{b.id}</span>: {formatPeriod(b)} ({statusWord(b.status)}), customer <span className="mono">{b.customerId}</span>
        </li>
      ))}
    </ul>
  );
}

export function statusWord(status: string): string {
  switch (status) {
    case 'CONFIRMED':
      return 'confirmed';
    case 'PICKED_UP':
      return 'picked up';
    case 'RETURNED':
      return 'returned';
    case 'NO_SHOW':
      return 'no-show';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return status.toLowerCase();
  }
}
