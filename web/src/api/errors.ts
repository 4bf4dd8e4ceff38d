// What went wrong with an API call, in one shape, and how to say it to a person.
import type { components } from './schema';

export type ErrorCode = components['schemas']['ErrorCode'];
export type HeldBooking = components['schemas']['HeldBooking'];

/** Our codes plus two the browser sees without a body of ours. */
export type ProblemCode = ErrorCode | 'network' | 'not_signed_in';

export interface Problem {
  status: number; // 0 when no response came
  code: ProblemCode;
  /** The server's message, for logs; show describeProblem() to people. */
  message: string;
  /** JSON property or parameter name -> what is wrong with it (validation_failed). */
  fields: Record<string, string>;
  requestId?: string;
  retryAfterSeconds?: number;
  /** car_has_bookings: the bookings that hold the car from today on. */
  bookings?: HeldBooking[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message || problem.code);
    this.name = 'ApiError';
  }
}

const CODES: readonly string[] = [
  'validation_failed',
  'unauthorized',
  'not_found',
  'car_unavailable',
  'booking_cancelled',
  'booking_started',
  'version_mismatch',
  'idempotency_conflict',
  'forbidden',
  'invalid_transition',
  'car_has_bookings',
  'already_exists',
  'payload_too_large',
  'unsupported_media_type',
  'throttled',
  'internal',
] satisfies readonly ErrorCode[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Turns any error response into a Problem: our {"error":{...}} body, API
 * Gateway's {"message": "..."} (the authorizer's 401, throttling, 502/504),
 * or no usable body at all.
 */
export function problemFromResponse(status: number, body: unknown, headers?: Headers): Problem {
  const retryAfter = headers?.get('Retry-After');
  const retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  const base = { status, fields: {} as Record<string, string>, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };

  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') {
    const e = body.error;
    const fields: Record<string, string> = {};
    if (isRecord(e.fields)) {
      for (const [k, v] of Object.entries(e.fields)) if (typeof v === 'string') fields[k] = v;
    }
    const code = (CODES.includes(e.code as string) ? e.code : codeForStatus(status)) as ProblemCode;
    const bookings = Array.isArray(e.bookings) ? e.bookings.filter(isHeldBooking) : [];
    return {
      ...base,
      code,
      message: typeof e.message === 'string' ? e.message : '',
      fields,
      ...(typeof e.requestId === 'string' ? { requestId: e.requestId } : {}),
      ...(bookings.length > 0 ? { bookings } : {}),
    };
  }
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : typeof body === 'string' ? body.slice(0, 200) : '';
  return { ...base, code: codeForStatus(status), message };
}

function isHeldBooking(v: unknown): v is HeldBooking {
  return isRecord(v) && typeof v.id === 'string' && typeof v.pickupDate === 'string' && typeof v.returnDate === 'string';
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
    case 403:
      return 'unauthorized';
    case 404:
      return 'not_found';
    case 412:
      return 'version_mismatch';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
    case 503:
      return 'throttled';
    default:
      return 'internal';
  }
}

export function networkProblem(): Problem {
  return { status: 0, code: 'network', message: 'network error', fields: {} };
}

export function notSignedInProblem(): Problem {
  return { status: 401, code: 'not_signed_in', message: 'not signed in', fields: {} };
}

export function toProblem(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem;
  return { status: 0, code: 'internal', message: err instanceof Error ? err.message : String(err), fields: {} };
}

/** Whether the same request may simply be sent again (the outcome is unknown or the server was busy). */
export function isRetryable(p: Problem): boolean {
  return p.code === 'network' || p.code === 'throttled' || p.code === 'internal' || p.status >= 500;
}

/** Whether the fix is to sign in (again). */
export function needsSignIn(p: Problem): boolean {
  return p.code === 'unauthorized' || p.code === 'not_signed_in';
}

/** What went wrong, in one sentence for the person at the screen. */
export function describeProblem(p: Problem): string {
  switch (p.code) {
    case 'validation_failed':
      return Object.keys(p.fields).length > 0 ? 'Please correct the marked fields.' : 'Some details are not right. Please check them and try again.';
    case 'not_signed_in':
      return 'Please sign in to continue.';
    case 'unauthorized':
      return 'Your session has ended. Please sign in again.';
    case 'not_found':
      return 'We could not find that. It may have been removed, or the link is wrong.';
    case 'car_unavailable':
      return 'This car is no longer free for these dates. Please pick other dates or another car.';
    case 'booking_cancelled':
      return 'This booking is cancelled, so it can no longer be changed.';
    case 'booking_started':
      return 'This booking has started, so it can no longer be changed or cancelled.';
    case 'version_mismatch':
      return 'This booking changed, reload it to see the latest version.';
    case 'idempotency_conflict':
      return 'This booking request was already used with other details. Please start the booking again.';
    case 'forbidden':
      return 'This is for staff only.';
    case 'invalid_transition':
      return 'The booking cannot change that way now.';
    case 'car_has_bookings':
      return 'This car has bookings from today on. Move or cancel them first.';
    case 'already_exists':
      return 'Something with that id exists already. Please choose another id.';
    case 'throttled':
      return p.retryAfterSeconds
        ? `We are very busy right now. Please try again in ${p.retryAfterSeconds} second${p.retryAfterSeconds === 1 ? '' : 's'}.`
        : 'We are very busy right now. Please try again in a moment.';
    case 'network':
      return 'We could not reach the server. Check your connection and try again.';
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'internal':
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}

const FIELD_WORDS: Record<string, string> = {
  pickupDate: 'the pick-up date',
  returnDate: 'the return date',
  carId: 'the car',
  locationId: 'the location',
};

/**
 * The server's field message as a sentence: "must be after pickupDate"
 * becomes "Must be after the pick-up date."
 */
export function humanizeFieldMessage(msg: string): string {
  let s = msg.trim().replace(/\b(pickupDate|returnDate|carId|locationId)\b/g, (w) => FIELD_WORDS[w] ?? w);
  if (s === '') return 'Is not valid.';
  s = s[0]!.toUpperCase() + s.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/**
 * The messages to show beside form fields. Fields named in the error's
 * `fields` map go beside their field; a code that names a field on its own
 * (car_unavailable names the car) goes there too when the form has it.
 * `known` are the form's field names; what matches none of them is
 * returned in `other`, to show at the top of the form.
 */
export function fieldMessages(p: Problem, known: readonly string[]): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const [field, msg] of Object.entries(p.fields)) {
    if (known.includes(field)) byField[field] = humanizeFieldMessage(msg);
    else other.push(`${FIELD_WORDS[field] ? capitalize(FIELD_WORDS[field]!) : capitalize(field)}: ${humanizeFieldMessage(msg)}`);
  }
  if (p.code === 'car_unavailable' && known.includes('carId') && !byField.carId) {
    byField.carId = 'This car is not free for these dates. Pick other dates or another car.';
  }
  return { byField, other };
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
