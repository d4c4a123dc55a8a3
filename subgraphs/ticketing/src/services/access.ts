import { canActForCompany, type Viewer } from '@busline/shared';

/** What deciding who sees a booking needs (a booking row, or a ticket with its booking's owner). */
export interface BookingAccess {
  userId: string;
  companyId: string;
  channel?: string;
  soldBy?: string | null;
}

/**
 * The booking's owner: its passenger. A counter sale nobody has claimed yet belongs to its seller, but only while
 * they are staff at the company's counter (a COUNTER_AGENT or admin of it): one who has left the company keeps
 * none of the sales they made (they could read the walk-in passenger's contact, or cancel and have the cash
 * refund recorded as handed back from their till).
 */
export function ownsBooking(viewer: Viewer, booking: BookingAccess): boolean {
  if (booking.userId !== viewer.userId) return false;
  if (booking.channel !== 'COUNTER' || booking.soldBy !== viewer.userId) return true;
  return canActForCompany(viewer, booking.companyId, 'COUNTER_AGENT', 'COMPANY_ADMIN');
}

/**
 * For a counter sale, the company's counter agents now (its seller among them while they are one): they print,
 * cancel and take payment for it on the walk-in passenger's behalf (once the passenger has claimed it, a
 * cancellation by them is the company's: cancel-booking.ts).
 */
export function atCounter(viewer: Viewer, booking: BookingAccess): boolean {
  return booking.channel === 'COUNTER' && viewer.role === 'COUNTER_AGENT' && viewer.companyId === booking.companyId;
}

/**
 * Owner, or staff (admin, driver) of the company running the trip, or a platform admin; for a counter
 * sale also the company's counter agents (who print, cancel and take payment for it).
 */
export function canSeeBooking(viewer: Viewer | null, booking: BookingAccess): boolean {
  if (!viewer) return false;
  return (
    ownsBooking(viewer, booking) ||
    atCounter(viewer, booking) ||
    canActForCompany(viewer, booking.companyId, 'COMPANY_ADMIN', 'DRIVER')
  );
}

/**
 * Who sees a counter sale's walk-in passenger (name, phone, language): the booking's owner, the company's
 * admins and counter agents, and platform admins; not its drivers.
 */
export function canSeeWalkIn(viewer: Viewer | null, booking: BookingAccess): boolean {
  if (!viewer) return false;
  return (
    ownsBooking(viewer, booking) ||
    atCounter(viewer, booking) ||
    canActForCompany(viewer, booking.companyId, 'COMPANY_ADMIN')
  );
}
