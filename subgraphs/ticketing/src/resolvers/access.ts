import { canActForCompany, type Viewer } from '@busline/shared';

/** What deciding who sees a booking needs (a booking row, or a ticket with its booking's owner). */
export interface BookingAccess {
  userId: string;
  companyId: string;
  channel?: string;
  soldBy?: string | null;
}

/** The seller of a counter sale, or the company's counter staff (its COUNTER_AGENTs) for one. */
function atCounter(viewer: Viewer, booking: BookingAccess): boolean {
  if (booking.channel !== 'COUNTER') return false;
  return (
    booking.soldBy === viewer.userId || (viewer.role === 'COUNTER_AGENT' && viewer.companyId === booking.companyId)
  );
}

/**
 * Owner, or staff (admin, driver) of the company running the trip, or a platform admin; for a counter
 * sale also its seller and the company's counter agents (who print, cancel and take payment for it).
 */
export function canSeeBooking(viewer: Viewer | null, booking: BookingAccess): boolean {
  if (!viewer) return false;
  return (
    booking.userId === viewer.userId ||
    atCounter(viewer, booking) ||
    canActForCompany(viewer, booking.companyId, 'COMPANY_ADMIN', 'DRIVER')
  );
}

/**
 * Who sees a counter sale's walk-in passenger (name, phone, language): the booking's owner, its seller,
 * the company's admins and counter agents, and platform admins; not its drivers.
 */
export function canSeeWalkIn(viewer: Viewer | null, booking: BookingAccess): boolean {
  if (!viewer) return false;
  return (
    booking.userId === viewer.userId ||
    atCounter(viewer, booking) ||
    canActForCompany(viewer, booking.companyId, 'COMPANY_ADMIN')
  );
}
