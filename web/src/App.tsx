import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthContext';
import { ConfigProvider } from './configContext';
import type { AppConfig } from './config';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/RequireAuth';
import { SearchPage } from './pages/SearchPage';

// The search page is the first page and comes with the entry chunk; the rest
// load when first visited. App paths never start with an API path (/api,
// where the site's CloudFront distribution and the local stack serve the
// API, and locally /cars, /bookings, /locations too): a reload of a deep link
// must get index.html, not JSON.
const CarPage = lazy(() => import('./pages/CarPage'));
const BookPage = lazy(() => import('./pages/BookPage'));
const BookingsPage = lazy(() => import('./pages/BookingsPage'));
const BookingPage = lazy(() => import('./pages/BookingPage'));
const SignInPage = lazy(() => import('./pages/auth/SignInPage'));
const SignUpPage = lazy(() => import('./pages/auth/SignUpPage'));
const ConfirmSignUpPage = lazy(() => import('./pages/auth/ConfirmSignUpPage'));
const ForgotPasswordPage = lazy(() => import('./pages/auth/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('./pages/auth/ResetPasswordPage'));
const SecurityPage = lazy(() => import('./pages/auth/SecurityPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
// The staff's pages (fleet, desk, locations), one chunk with their API calls.
const StaffArea = lazy(() => import('./staff/StaffArea'));

export function App({ config }: { config: AppConfig }) {
  return (
    <ConfigProvider value={config}>
      <BrowserRouter>
        <AuthProvider>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<SearchPage />} />
              <Route path="car/:carId" element={<CarPage />} />
              <Route
                path="book/:carId"
                element={
                  <RequireAuth>
                    <BookPage />
                  </RequireAuth>
                }
              />
              <Route
                path="my-bookings"
                element={
                  <RequireAuth>
                    <BookingsPage />
                  </RequireAuth>
                }
              />
              <Route
                path="my-bookings/:bookingId"
                element={
                  <RequireAuth>
                    <BookingPage />
                  </RequireAuth>
                }
              />
              <Route
                path="account/security"
                element={
                  <RequireAuth>
                    <SecurityPage />
                  </RequireAuth>
                }
              />
              <Route
                path="staff/*"
                element={
                  <RequireAuth>
                    <StaffArea />
                  </RequireAuth>
                }
              />
              <Route path="sign-in" element={<SignInPage />} />
              <Route path="sign-up" element={<SignUpPage />} />
              <Route path="confirm-sign-up" element={<ConfirmSignUpPage />} />
              <Route path="forgot-password" element={<ForgotPasswordPage />} />
              <Route path="reset-password" element={<ResetPasswordPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </ConfigProvider>
  );
}
