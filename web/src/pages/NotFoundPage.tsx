import { Link } from 'react-router';
import { useTitle } from '../lib/hooks';

export default function NotFoundPage() {
  useTitle('Page not found');
  return (
    <div className="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link has a typo.</p>
      <p className="actions">
        <Link className="button" to="/">
          Find a car
        </Link>
        <Link className="button button--secondary" to="/my-bookings">
          My bookings
        </Link>
      </p>
    </div>
  );
}
