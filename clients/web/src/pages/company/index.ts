/** A company's pages, loaded together as one chunk (App.tsx): its admins move between the two. */
export { DashboardPage } from './DashboardPage';
export { NetworkPage } from './NetworkPage';
