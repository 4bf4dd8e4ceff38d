// /staff/*: the staff's pages, one chunk loaded when first visited (the
// first page knows only the header's link). Signed in but not staff (the
// ID token's cognito:groups has no admins): a page that says so. The API
// checks the group again on every call (403 forbidden).
import { Link, NavLink, Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { isStaff } from '../auth/session';
import { useTitle } from '../lib/hooks';
import NotFoundPage from '../pages/NotFoundPage';
import DeskPage from './DeskPage';
import FleetPage from './FleetPage';
import LocationsPage from './LocationsPage';
import './staff.css';

export default function StaffArea() {
  const auth = useAuth();
  if (!isStaff(auth.user)) return <StaffOnly email={auth.user?.email} />;
  return (
    <div className="staff">
      <nav aria-label="Staff" className="staff-nav">
        <ul>
          <li>
            <NavLink to="/staff/fleet">Fleet</NavLink>
          </li>
          <li>
            <NavLink to="/staff/desk">Desk</NavLink>
          </li>
          <li>
            <NavLink to="/staff/locations">Locations</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="/staff/fleet" replace />} />
        <Route path="fleet" element={<FleetPage />} />
        <Route path="desk" element={<DeskPage />} />
        <Route path="locations" element={<LocationsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}

export function StaffOnly({ email }: { email: string | undefined }) {
  useTitle('Staff only');
  return (
    <div className="staff-only">
      <h1>Staff only</h1>
      <p>
        These pages are for the staff of Car Rental.{email ? ` You are signed in as ${email}, which is not a staff account.` : ''} If you work here, ask
        for staff access, then sign out and in again.
      </p>
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
