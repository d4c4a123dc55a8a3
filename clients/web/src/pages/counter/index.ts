/**
 * The counter's pages, loaded together as one chunk (App.tsx): an agent goes through all of them, and
 * print.css (imported by PrintTicketPage) also styles the change shown on CounterBookingPage.
 */
export { CounterBookingPage } from './CounterBookingPage';
export { CounterPage } from './CounterPage';
export { CounterTripPage } from './CounterTripPage';
export { PrintTicketPage } from './PrintTicketPage';
export { ShiftPage } from './ShiftPage';
