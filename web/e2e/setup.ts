// After every browser test: no Content-Security-Policy violation on any page
// it opened. The local stack sends the site distribution's policy (for one
// origin), so what it would refuse in the cloud fails here first.
import { afterEach, expect } from 'vitest';
import { takeCspViolations } from './support';

afterEach(() => {
  expect(takeCspViolations(), 'Content-Security-Policy violations').toEqual([]);
});
