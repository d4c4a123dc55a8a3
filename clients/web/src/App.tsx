import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useMemo, type ReactNode } from 'react';
import { Loading } from './components/feedback';
import { Layout } from './components/Layout';
import { lazyPage, PageLoader } from './components/LazyPage';
import { useT } from './i18n';
import { createApolloClient } from './lib/apollo';
import { homeFor } from './lib/home';
import { match, navigate, useLocation } from './lib/router';
import { SessionProvider, useSession } from './lib/session';
import { SessionRefresher } from './lib/SessionRefresher';
import type { Role } from './gql/graphql';
import { BookingPage } from './pages/passenger/BookingPage';
import { ClaimPage } from './pages/passenger/ClaimPage';
import { MyBookingsPage } from './pages/passenger/MyBookingsPage';
import { SearchPage } from './pages/passenger/SearchPage';
import { TripPage } from './pages/passenger/TripPage';
import { AccountPage } from './pages/AccountPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SignInPage } from './pages/SignIn';

// Passengers' pages and sign-in come with the app; the staff areas are chunks of their own, fetched when first
// opened: the counter, the company's network and dashboard, driver boarding and the platform's messages.
const CounterPage = lazyPage(() => import('./pages/counter').then((m) => m.CounterPage));
const ShiftPage = lazyPage(() => import('./pages/counter').then((m) => m.ShiftPage));
const CounterTripPage = lazyPage(() => import('./pages/counter').then((m) => m.CounterTripPage));
const CounterBookingPage = lazyPage(() => import('./pages/counter').then((m) => m.CounterBookingPage));
const PrintTicketPage = lazyPage(() => import('./pages/counter').then((m) => m.PrintTicketPage));
const NetworkPage = lazyPage(() => import('./pages/company').then((m) => m.NetworkPage));
const DashboardPage = lazyPage(() => import('./pages/company').then((m) => m.DashboardPage));
const DriverPage = lazyPage(() => import('./pages/driver/DriverPage').then((m) => m.DriverPage));
const MessagesPage = lazyPage(() => import('./pages/admin/MessagesPage').then((m) => m.MessagesPage));

export function App() {
  return (
    <SessionProvider>
      <ClientForUser />
    </SessionProvider>
  );
}

/**
 * A fresh Apollo client (and cache) per signed-in user. While a stored session is being renewed the app waits: it
 * would otherwise show nobody signed in, and send a reloaded staff page to sign-in.
 */
function ClientForUser() {
  const { session, expired } = useSession();
  const userId = session?.user.id;
  const client = useMemo(() => createApolloClient(), [userId]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <ApolloProvider client={client}>
      <SessionRefresher />
      {expired ? (
        <Loading />
      ) : (
        <Layout>
          <PageLoader>
            <Routes />
          </PageLoader>
        </Layout>
      )}
    </ApolloProvider>
  );
}

/** Who sells at a company's counter: its counter agents and its admins (both belong to one company). */
const COUNTER: Role[] = ['COUNTER_AGENT', 'COMPANY_ADMIN'];

function Routes() {
  const { path } = useLocation();
  const { session } = useSession();
  const needs = (roles: Role[] | 'any', page: ReactNode) => {
    if (!session) return <Redirect to={`/signin?next=${encodeURIComponent(path + window.location.search)}`} />;
    if (roles !== 'any' && !roles.includes(session.user.role)) return <Redirect to={homeFor(session.user.role)} />;
    return page;
  };
  let params: Record<string, string> | null;
  if (path === '/signin') return <SignInPage />;
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (path === '/')
    return session && session.user.role !== 'PASSENGER' && !window.location.search ? (
      <Redirect to={homeFor(session.user.role)} />
    ) : (
      <SearchPage />
    );
  if ((params = match('/trips/:id', path))) return <TripPage key={params.id} tripId={params.id!} />;
  if (path === '/account') return needs('any', <AccountPage />);
  if (path === '/bookings') return needs('any', <MyBookingsPage />);
  if ((params = match('/bookings/:id', path)))
    return needs('any', <BookingPage key={params.id} bookingId={params.id!} />);
  if (path === '/claim') return needs(['PASSENGER'], <ClaimPage />);
  if (path === '/counter') return needs(COUNTER, <CounterPage />);
  if (path === '/counter/shift') return needs(COUNTER, <ShiftPage />);
  if ((params = match('/counter/trips/:id', path)))
    return needs(COUNTER, <CounterTripPage key={params.id} tripId={params.id!} />);
  if ((params = match('/counter/bookings/:id', path)))
    return needs(COUNTER, <CounterBookingPage key={params.id} bookingId={params.id!} />);
  if ((params = match('/counter/print/:id', path)))
    return needs(COUNTER, <PrintTicketPage key={params.id} bookingId={params.id!} />);
  if (path === '/driver') return needs(['DRIVER', 'COMPANY_ADMIN', 'PLATFORM_ADMIN'], <DriverPage />);
  if (path === '/company') return needs(['COMPANY_ADMIN', 'PLATFORM_ADMIN'], <NetworkPage />);
  if (path === '/company/dashboard') return needs(['COMPANY_ADMIN', 'PLATFORM_ADMIN'], <DashboardPage />);
  if (path === '/admin/messages') return needs(['PLATFORM_ADMIN'], <MessagesPage />);
  return <NotFound />;
}

function NotFound() {
  const { t } = useT();
  return (
    <div className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('notFound.back')}</a>
      </p>
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
