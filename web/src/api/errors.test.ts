import { describe, expect, it } from 'vitest';
import { describeProblem, fieldMessages, humanizeFieldMessage, isRetryable, needsSignIn, problemFromResponse } from './errors';

const ours = (code: string, fields?: Record<string, string>) => ({ error: { code, message: 'm', requestId: 'r-1', ...(fields ? { fields } : {}) } });

describe('problemFromResponse', () => {
  it('reads our error body', () => {
    const p = problemFromResponse(400, ours('validation_failed', { returnDate: 'must be after pickupDate' }));
    expect(p).toEqual({ status: 400, code: 'validation_failed', message: 'm', fields: { returnDate: 'must be after pickupDate' }, requestId: 'r-1' });
  });

  it('reads the authorizer 401 body of API Gateway', () => {
    const p = problemFromResponse(401, { message: 'Unauthorized' });
    expect(p.code).toBe('unauthorized');
    expect(needsSignIn(p)).toBe(true);
    expect(describeProblem(p)).toBe('Your session has ended. Please sign in again.');
  });

  it('maps gateway statuses without our body', () => {
    expect(problemFromResponse(429, { message: 'Too Many Requests' }).code).toBe('throttled');
    expect(problemFromResponse(502, { message: 'Internal server error' }).code).toBe('internal');
    expect(problemFromResponse(504, 'timeout').code).toBe('internal');
    expect(problemFromResponse(412, undefined).code).toBe('version_mismatch');
  });

  it('keeps Retry-After', () => {
    const p = problemFromResponse(503, ours('throttled'), new Headers({ 'Retry-After': '2' }));
    expect(p.retryAfterSeconds).toBe(2);
    expect(describeProblem(p)).toMatch(/in 2 seconds/);
  });

  it('treats an unknown code by its status', () => {
    expect(problemFromResponse(409, ours('brand_new_code')).code).toBe('internal');
    expect(problemFromResponse(404, ours('brand_new_code')).code).toBe('not_found');
  });
});

describe('messages', () => {
  it('has words for every code the API documents', () => {
    expect(describeProblem(problemFromResponse(409, ours('car_unavailable')))).toMatch(/no longer free/);
    expect(describeProblem(problemFromResponse(409, ours('booking_started')))).toMatch(/has started/);
    expect(describeProblem(problemFromResponse(409, ours('booking_cancelled')))).toMatch(/cancelled/);
    expect(describeProblem(problemFromResponse(412, ours('version_mismatch')))).toBe('This booking changed, reload it to see the latest version.');
    expect(describeProblem(problemFromResponse(422, ours('idempotency_conflict')))).toMatch(/start the booking again/);
    expect(describeProblem(problemFromResponse(500, ours('internal')))).toMatch(/went wrong/);
    expect(describeProblem({ status: 0, code: 'network', message: '', fields: {} })).toMatch(/could not reach/);
  });

  it('has words for the staff codes, and a 403 forbidden is not a session that ended', () => {
    const forbidden = problemFromResponse(403, ours('forbidden'));
    expect(forbidden.code).toBe('forbidden');
    expect(needsSignIn(forbidden)).toBe(false);
    expect(describeProblem(forbidden)).toBe('This is for staff only.');
    expect(describeProblem(problemFromResponse(409, ours('invalid_transition')))).toMatch(/cannot change that way/);
    expect(describeProblem(problemFromResponse(409, ours('car_has_bookings')))).toMatch(/Move or cancel them first/);
    expect(describeProblem(problemFromResponse(409, ours('already_exists')))).toMatch(/another id/);
  });

  it('keeps the bookings that car_has_bookings names', () => {
    const held = { id: 'bk-1', customerId: 'c-1', pickupDate: '2030-06-01', returnDate: '2030-06-04', status: 'CONFIRMED' };
    const body = { error: { code: 'car_has_bookings', message: 'm', requestId: 'r', bookings: [held, { nonsense: true }] } };
    expect(problemFromResponse(409, body).bookings).toEqual([held]);
    expect(problemFromResponse(409, ours('car_unavailable')).bookings).toBeUndefined();
  });

  it('turns field messages into sentences with plain words', () => {
    expect(humanizeFieldMessage('must be after pickupDate')).toBe('Must be after the pick-up date.');
    expect(humanizeFieldMessage('must be at most 30 days after pickupDate')).toBe('Must be at most 30 days after the pick-up date.');
    expect(humanizeFieldMessage('is required.')).toBe('Is required.');
    expect(humanizeFieldMessage('')).toBe('Is not valid.');
  });

  it('puts each field message beside its field and the rest on top', () => {
    const p = problemFromResponse(400, ours('validation_failed', { returnDate: 'must be after pickupDate', limit: 'must be between 1 and 100' }));
    expect(fieldMessages(p, ['pickupDate', 'returnDate'])).toEqual({
      byField: { returnDate: 'Must be after the pick-up date.' },
      other: ['Limit: Must be between 1 and 100.'],
    });
  });

  it('puts car_unavailable beside the car field when the form has one', () => {
    const p = problemFromResponse(409, ours('car_unavailable'));
    expect(fieldMessages(p, ['carId']).byField.carId).toMatch(/not free/);
    expect(fieldMessages(p, ['pickupDate']).byField).toEqual({});
  });

  it('knows which problems a retry may fix', () => {
    expect(isRetryable({ status: 0, code: 'network', message: '', fields: {} })).toBe(true);
    expect(isRetryable(problemFromResponse(503, ours('throttled')))).toBe(true);
    expect(isRetryable(problemFromResponse(502, { message: 'x' }))).toBe(true);
    expect(isRetryable(problemFromResponse(409, ours('car_unavailable')))).toBe(false);
    expect(isRetryable(problemFromResponse(400, ours('validation_failed')))).toBe(false);
  });
});
